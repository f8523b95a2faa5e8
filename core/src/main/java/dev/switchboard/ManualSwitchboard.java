package dev.switchboard;

import java.time.Instant;
import java.util.Optional;

/**
 * An engine with no threads of its own: commands wait until the caller runs the loop with {@link
 * #step()} or {@link #drain()}, and time is whatever the configured clock says. The routing code is
 * the same as the threaded engine's; use this for tests and simulation.
 *
 * <p>Listeners are called on the thread that runs the loop, after each step. With a journal, an
 * event is delivered at the first step after its entry is durable: at once when the journal's
 * stages are complete on return (asynchronous durability, the in-memory journal), otherwise at a
 * later step, or at {@link #close()}; a step with nothing else to do still delivers.
 *
 * @since 0.1
 */
public interface ManualSwitchboard extends Switchboard {

  /**
   * Runs one unit of work at the clock's reading: every timer due if any is due, otherwise the
   * oldest waiting command followed by any timer it made due (a deadline already in the past).
   * Returns false when there was nothing to do.
   */
  boolean step();

  /** Runs {@link #step()} until there is nothing to do; returns the number of steps. */
  int drain();

  /**
   * When the earliest pending timer (offer, policy step, wrap-up, SLA) falls due, if any: the
   * time a driver such as a simulator should move the clock to next when nothing else happens
   * sooner. Reflects the commands applied so far.
   */
  Optional<Instant> nextDeadline();
}
