package dev.switchboard.internal.engine;

import dev.switchboard.affinity.Relationships;

/**
 * What affinity routing remembers of one item, made when it first enters an affinity step: the
 * relationships that step was resolved from and the time spent waiting for the customer's own
 * agents, for the affinity measures. Owned by {@link Affinity}; kept on the item.
 */
final class AffinityTrack {
  /** Relationships the current affinity step was resolved from, or null. */
  Relationships relationships;
  /** Since when the item waits at an affinity step, or -1. */
  long personalSince = -1;
  /** Time spent at affinity steps so far. */
  long personalWait;
  /** The affinity wait of the item's latest answer, for its {@code ItemAssigned} event. */
  long answeredWait;
  /** When the item was assigned, or -1. */
  long assignedAt = -1;
}
