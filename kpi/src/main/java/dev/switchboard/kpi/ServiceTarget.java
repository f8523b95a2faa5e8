package dev.switchboard.kpi;

import java.time.Duration;
import java.util.Objects;

/**
 * A queue's service-level target: {@code target} of its items answered within {@code threshold}
 * (the classic "80/20" is 80% within 20 seconds).
 *
 * @param threshold how long after its creation an item may wait and still count as answered in
 *     time; zero or more
 * @param target the share of items that should be answered in time, above 0 and at most 1
 * @since 0.2
 */
public record ServiceTarget(Duration threshold, double target) {

  /** The target of queues that have none of their own: 80% within 20 seconds. */
  public static final ServiceTarget DEFAULT = new ServiceTarget(Duration.ofSeconds(20), 0.8);

  /** Validates the fields. */
  public ServiceTarget {
    Objects.requireNonNull(threshold, "threshold");
    if (threshold.isNegative()) {
      throw new IllegalArgumentException("service level threshold is " + threshold
          + "; it must be zero or more");
    }
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("service level target is " + target
          + "; allowed: above 0 and at most 1 (a share, e.g. 0.8 for 80%)");
    }
  }
}
