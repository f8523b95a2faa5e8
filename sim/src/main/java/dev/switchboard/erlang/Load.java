package dev.switchboard.erlang;

import java.time.Duration;
import java.util.Objects;

/**
 * Offered traffic: how many contacts arrive per hour and how long each takes to handle. Its
 * {@link #erlangs()} is the average number of agents the work keeps busy.
 *
 * @param arrivalsPerHour mean arrival rate, positive and finite
 * @param averageHandleTime mean handle time, positive
 * @since 0.1
 */
public record Load(double arrivalsPerHour, Duration averageHandleTime) {

  /** Validates the rate and handle time. */
  public Load {
    if (!(arrivalsPerHour > 0) || Double.isInfinite(arrivalsPerHour)) {
      throw new IllegalArgumentException(
          "arrivalsPerHour is " + arrivalsPerHour + "; it must be positive and finite");
    }
    Objects.requireNonNull(averageHandleTime, "averageHandleTime");
    if (averageHandleTime.isNegative() || averageHandleTime.isZero()) {
      throw new IllegalArgumentException(
          "averageHandleTime is " + averageHandleTime + "; it must be positive");
    }
  }

  /** Traffic of {@code arrivalsPerHour} contacts taking {@code averageHandleTime} each. */
  public static Load of(double arrivalsPerHour, Duration averageHandleTime) {
    return new Load(arrivalsPerHour, averageHandleTime);
  }

  /** Arrivals per second. */
  public double arrivalsPerSecond() {
    return arrivalsPerHour / 3600.0;
  }

  /** Mean handle time in seconds. */
  public double handleSeconds() {
    return averageHandleTime.toNanos() / 1e9;
  }

  /** Offered load in erlangs: arrival rate times handle time. */
  public double erlangs() {
    return arrivalsPerSecond() * handleSeconds();
  }
}
