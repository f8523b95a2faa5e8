package dev.switchboard.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The work waiting in one queue at a moment: items queued or offered but not yet taken by an
 * agent, and how long the oldest of them has waited since its creation.
 *
 * @param queue the queue
 * @param waiting items waiting
 * @param oldestSince creation time of the oldest waiting item; empty when none waits
 * @param oldestAge how long the oldest item has waited at the snapshot's time; zero when none waits
 * @since 0.2
 */
public record Backlog(String queue, int waiting, Optional<Instant> oldestSince,
    Duration oldestAge) {

  /** Checks the fields are present. */
  public Backlog {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(oldestSince, "oldestSince");
    Objects.requireNonNull(oldestAge, "oldestAge");
  }
}
