package dev.switchboard.sla;

import java.util.Objects;

/**
 * How often one SLA clock was met for one agent, queue or channel.
 *
 * <p>A clock counts as <em>met</em> when it stopped before its deadline, for the agent who stopped
 * it (took or completed the item), the item's queue at that moment and its channel. It counts as
 * <em>breached</em> when its deadline passed, for the agent the item concerned at that moment (the
 * holder, else the agent it waited for; none if neither), the queue and the channel. Items
 * cancelled or abandoned before their deadline count for neither.
 *
 * @param key the agent id, queue name or channel id
 * @param clock which clock
 * @param met clocks stopped in time
 * @param breached clocks that passed their deadline
 * @since 0.1
 */
public record SlaAttainment(String key, SlaClock clock, long met, long breached) {

  /** Checks the fields. */
  public SlaAttainment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(clock, "clock");
    if (met < 0 || breached < 0) {
      throw new IllegalArgumentException("met and breached must not be negative: " + met + ", "
          + breached);
    }
  }

  /** The share of clocks met, 0 to 1; 1 when none were counted yet. */
  public double attainment() {
    long total = met + breached;
    return total == 0 ? 1.0 : (double) met / total;
  }
}
