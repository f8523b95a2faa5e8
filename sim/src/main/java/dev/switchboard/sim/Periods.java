package dev.switchboard.sim;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Values that change per period of equal length and cycle: arrival rates, dialer odds. */
final class Periods {

  private Periods() {}

  /** Refuses a missing, zero, negative or over-long period, naming its owner. */
  static Duration check(String owner, Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(owner + " has period " + period + "; it must be positive");
    }
    return SimulationLimits.duration(owner + " period", period);
  }

  /** The value in force at {@code elapsedNanos} from the start. */
  static double at(List<Double> values, Duration period, long elapsedNanos) {
    long index = elapsedNanos / period.toNanos();
    return values.get((int) (index % values.size()));
  }
}
