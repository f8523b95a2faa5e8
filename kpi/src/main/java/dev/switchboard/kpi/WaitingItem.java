package dev.switchboard.kpi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An item waiting in a queue at a moment (queued or offered, no agent holds it): what forecasts
 * of late answers read.
 *
 * @param itemId the item
 * @param queue the queue it waits in
 * @param createdAt its creation time, where its wait began
 * @param slaDeadline its own SLA deadline, when it carries an SLA target
 * @since 0.2
 */
public record WaitingItem(String itemId, String queue, Instant createdAt,
    Optional<Instant> slaDeadline) {

  /** Checks the fields are present. */
  public WaitingItem {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(slaDeadline, "slaDeadline");
  }
}
