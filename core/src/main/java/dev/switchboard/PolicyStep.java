package dev.switchboard;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a {@link RoutingPolicy}: who may take the item, how long it waits for them before
 * the next step widens the pool, and how much its priority rises on entering the step.
 *
 * @param target who may take the item at this step
 * @param maxWait how long the item waits at this step before moving to the next; empty means for
 *     as long as it takes (only allowed on the last step, where a wait has no effect)
 * @param priorityBoost added to the item's priority on entering the step (capped at 100)
 * @since 0.1
 */
public record PolicyStep(Target target, Optional<Duration> maxWait, int priorityBoost) {

  /** Validates the step. */
  public PolicyStep {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(maxWait, "maxWait").ifPresent(d -> {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("step wait is " + d + "; it must be positive");
      }
    });
    if (priorityBoost < 0 || priorityBoost > WorkItem.MAX_PRIORITY) {
      throw new IllegalArgumentException(
          "priorityBoost is " + priorityBoost + "; allowed: 0 to " + WorkItem.MAX_PRIORITY);
    }
  }

  /** A step that waits up to {@code wait} for the target. */
  public static PolicyStep waitFor(Target target, Duration wait) {
    return new PolicyStep(target, Optional.of(wait), 0);
  }

  /** A step that waits for the target for as long as it takes. */
  public static PolicyStep untilAnswered(Target target) {
    return new PolicyStep(target, Optional.empty(), 0);
  }

  /** This step, raising the item's priority by {@code boost} on entry. */
  public PolicyStep withPriorityBoost(int boost) {
    return new PolicyStep(target, maxWait, boost);
  }
}
