package dev.switchboard.internal.engine;

import dev.switchboard.internal.timer.Nanos;
import java.time.Instant;

/**
 * The engine's time: the reading the loop gave for the current command or timers, as epoch
 * nanoseconds for arithmetic and as the instant events carry. Only moves forward.
 */
final class EngineClock {

  long now;
  Instant nowInstant = Instant.EPOCH;

  /** Moves to the instant if it is later; true when the time changed. */
  boolean advanceTo(Instant instant) {
    long t = Nanos.of(instant);
    if (t <= now) {
      return false;
    }
    now = t;
    nowInstant = instant;
    return true;
  }
}
