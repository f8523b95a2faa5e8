package dev.switchboard.internal.timer;

import java.time.Duration;
import java.time.Instant;

/**
 * Engine time as epoch nanoseconds in a {@code long}: the one place that converts instants and
 * durations to it and back, saturating instead of overflowing, so every part of the engine
 * rounds and clamps alike. A {@code long} of nanoseconds reaches about the year 2262; later
 * instants and longer durations read as {@link Long#MAX_VALUE}, "never".
 */
public final class Nanos {

  private static final long PER_SECOND = 1_000_000_000L;

  private Nanos() {}

  /** Epoch nanoseconds of an instant, saturating far in the past or the future. */
  public static long of(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND),
          instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The instant of epoch nanoseconds. */
  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, PER_SECOND), Math.floorMod(nanos, PER_SECOND));
  }

  /** A non-negative duration in nanoseconds, saturating at about 292 years. */
  public static long of(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * {@code at + nanos} for a non-negative {@code nanos}, saturating at {@link Long#MAX_VALUE};
   * {@code nanos} of {@link Long#MAX_VALUE} (a saturated duration) is "never" whatever {@code at}.
   */
  public static long after(long at, long nanos) {
    if (nanos == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    long r = at + nanos;
    return ((at ^ r) & (nanos ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
