package dev.switchboard.insights;

import dev.switchboard.affinity.AffinityMatch;
import java.time.Duration;
import java.util.Objects;

/**
 * One item answered in an interval, as the affinity rules need it: how long it waited in all,
 * how much of that at affinity steps, and whether the agent who took it knew the customer.
 *
 * @param queue the queue it was answered from
 * @param waited creation to first assignment
 * @param affinity who answered, in affinity terms
 * @param affinityWait the part of {@code waited} spent at affinity steps (own or recent agent)
 * @since 0.2
 */
public record AnsweredItem(String queue, Duration waited, AffinityMatch affinity,
    Duration affinityWait) {

  /** Checks the fields are present. */
  public AnsweredItem {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(waited, "waited");
    Objects.requireNonNull(affinity, "affinity");
    Objects.requireNonNull(affinityWait, "affinityWait");
  }

  /** True when the customer's own or a recent agent answered. */
  public boolean hit() {
    return affinity != AffinityMatch.NONE;
  }
}
