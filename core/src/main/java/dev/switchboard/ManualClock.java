package dev.switchboard;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that moves only when told to, for tests and simulation. Thread-safe.
 *
 * @since 0.1
 */
public final class ManualClock implements InstantSource {

  private volatile Instant now;

  /** A clock reading {@code start}. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public Instant instant() {
    return now;
  }

  /** Moves the clock forward. */
  public synchronized void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back; advance was " + duration);
    }
    now = now.plus(duration);
  }

  /** Sets the clock to a later (or equal) instant. */
  public synchronized void set(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalArgumentException("a clock does not go back: " + instant + " is before " + now);
    }
    now = instant;
  }
}
