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

  /**
   * Adds the time from {@code from} to {@code to} that falls in the window from {@code start} to
   * {@code end} to the buckets of the periods of {@code length} it covers, periods counted from
   * time 0; bucket 0 is the period holding {@code start}.
   */
  static void spread(long[] buckets, long from, long to, long start, long end, long length) {
    long t = Math.max(from, start);
    long until = Math.min(to, end);
    long first = start / length;
    for (long p = t / length; t < until; p++) {
      long next = Math.min(until, (p + 1) * length);
      buckets[(int) (p - first)] += next - t;
      t = next;
    }
  }

  /** {@code hh:mm} of {@code nanos} from the start of the run, to the nearest minute. */
  static String clock(long nanos) {
    long minutes = Math.round(nanos / 60e9);
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }

  /** The value in force at {@code elapsedNanos} from the start. */
  static double at(List<Double> values, Duration period, long elapsedNanos) {
    long index = elapsedNanos / period.toNanos();
    return values.get((int) (index % values.size()));
  }
}
