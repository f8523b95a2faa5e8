package dev.switchboard;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One step of a {@link RoutingPolicy}: who may take the item, how long it waits for them before
 * the next step widens the pool, and how much its priority rises on entering the step.
 *
 * @param target who may take the item at this step
 * @param maxWait how long the item waits at this step before moving to the next; empty means for
 *     as long as it takes (only allowed on the last step, where a wait has no effect)
 * @param priorityBoost added to the item's priority on entering the step (capped at 100)
 * @param slaShare when present, the item waits at most this share (above 0, at most 1) of its SLA
 *     target, and never longer than {@code maxWait}, which then must be given; items without an
 *     SLA target wait {@code maxWait}
 * @since 0.1
 */
public record PolicyStep(Target target, Optional<Duration> maxWait, int priorityBoost,
    OptionalDouble slaShare) {

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
    Objects.requireNonNull(slaShare, "slaShare").ifPresent(share -> {
      if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException("slaShare is " + share + "; allowed: above 0, at most 1");
      }
    });
    if (slaShare.isPresent() && maxWait.isEmpty()) {
      throw new IllegalArgumentException("a step waiting a share of the SLA also needs maxWait,"
          + " the wait for items without an SLA target");
    }
  }

  /** A step without an SLA share. */
  public PolicyStep(Target target, Optional<Duration> maxWait, int priorityBoost) {
    this(target, maxWait, priorityBoost, OptionalDouble.empty());
  }

  /** A step that waits up to {@code wait} for the target. */
  public static PolicyStep waitFor(Target target, Duration wait) {
    return new PolicyStep(target, Optional.of(wait), 0);
  }

  /**
   * A step that waits for the target up to {@code share} of the item's SLA target, and at most
   * {@code cap} (also the wait of items without an SLA target). Suits affinity steps: "wait for
   * the customer's agent for up to half the SLA, but no more than ten minutes".
   */
  public static PolicyStep waitForShareOfSla(Target target, double share, Duration cap) {
    return new PolicyStep(target, Optional.of(cap), 0, OptionalDouble.of(share));
  }

  /** A step that waits for the target for as long as it takes. */
  public static PolicyStep untilAnswered(Target target) {
    return new PolicyStep(target, Optional.empty(), 0);
  }

  /** This step, raising the item's priority by {@code boost} on entry. */
  public PolicyStep withPriorityBoost(int boost) {
    return new PolicyStep(target, maxWait, boost, slaShare);
  }

  /**
   * How long an item waits at this step: {@code maxWait}, shortened to the SLA share when the
   * step has one and the item an SLA target. Empty means without limit.
   */
  public Optional<Duration> waitFor(WorkItem item) {
    if (slaShare.isEmpty() || item.slaTarget().isEmpty()) {
      return maxWait;
    }
    double nanos = item.slaTarget().get().getSeconds() * 1e9 + item.slaTarget().get().getNano();
    Duration share = Duration.ofNanos(Math.max(1, (long) Math.min(nanos * slaShare.getAsDouble(),
        Long.MAX_VALUE)));
    return Optional.of(share.compareTo(maxWait.orElseThrow()) < 0 ? share : maxWait.get());
  }
}
