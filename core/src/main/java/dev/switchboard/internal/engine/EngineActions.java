package dev.switchboard.internal.engine;

import dev.switchboard.TransferTarget;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.timer.DeadlineQueue;
import java.time.Instant;

/**
 * What the engine lets its SLA tracker and campaign blender do, on the engine loop only: read the
 * time, emit events, keep timers, and act on items through the engine's own state machine.
 */
public interface EngineActions {

  /** The engine's state, read-only. */
  EngineView view();


  /** Engine time in epoch nanoseconds. */
  long now();

  /** Engine time as an instant. */
  Instant nowInstant();

  /** The next event sequence number; each call takes one. */
  long nextSequence();

  /** Emits an event built with {@link #nextSequence()}. */
  void emit(RoutingEvent event);

  /** The engine's deadline queue. */
  DeadlineQueue timers();

  /** Raises the item's priority for good; false when it already is at the maximum. */
  boolean raisePriority(LiveItem item, int by);

  /** Moves a waiting or offered item to its policy's next step now; false when it cannot. */
  boolean widen(LiveItem item, String reason);

  /** Transfers the item as the host could; false when the engine refuses the transfer. */
  boolean reassign(LiveItem item, TransferTarget target);

  /** True when the item id is live or remembered as finished, so a new item may not take it. */
  boolean idInUse(String itemId);

  /** Campaign work withheld from some agent may now be allowed: try blending again soon. */
  void blendingMayResume();
}
