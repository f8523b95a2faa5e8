package dev.switchboard.sla;

import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import java.util.Objects;

/**
 * What the engine does to an item when one of its SLA clocks breaches. An action that cannot
 * apply to the item as it is (widening an item at its last step, reassigning an item in wrap-up)
 * is skipped; every action applied is reported as {@link
 * dev.switchboard.event.RoutingEvent.SlaEscalated}.
 *
 * @since 0.1
 */
public sealed interface SlaEscalation {

  /** Raises the item's priority by this much (1 to 100; capped at 100), keeping it for good. */
  static SlaEscalation raisePriority(int by) {
    return new RaisePriority(by);
  }

  /**
   * Moves a waiting or offered item to the next step of its queue's policy at once, as if the
   * step's wait had run out: more agents may take it.
   */
  static SlaEscalation widenPool() {
    return WidenPool.INSTANCE;
  }

  /**
   * Sends the item elsewhere, as {@link dev.switchboard.Switchboard#transfer} would, even from the
   * agent holding it: to a queue (for example a team's overflow queue), to one agent (for example
   * the supervisor) or to any agent meeting a routing expression ({@link
   * TransferTarget#matching(String)}, for example {@code billing >= 5 or escalations >= 1}; its
   * skills and attributes are checked when the engine is built, and when no agent meets it the
   * item waits for one). A transfer the engine refuses (an unknown agent, one who takes no work
   * on the channel) is skipped.
   */
  static SlaEscalation reassign(TransferTarget target) {
    return new Reassign(target);
  }

  /**
   * Raise the item's priority.
   *
   * @param by how much, 1 to 100
   */
  record RaisePriority(int by) implements SlaEscalation {
    /** Checks the amount. */
    public RaisePriority {
      if (by < 1 || by > WorkItem.MAX_PRIORITY) {
        throw new IllegalArgumentException("raisePriority by " + by + "; allowed: 1 to "
            + WorkItem.MAX_PRIORITY);
      }
    }
  }

  /** Move to the next policy step now. */
  enum WidenPool implements SlaEscalation {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Transfer the item.
   *
   * @param target where to
   */
  record Reassign(TransferTarget target) implements SlaEscalation {
    /** Checks the target. */
    public Reassign {
      Objects.requireNonNull(target, "target");
    }
  }
}
