package dev.switchboard.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * When a simulated agent is logged in, as offsets from the start of the simulation.
 *
 * @param start when the agent becomes available
 * @param end when the agent logs out (work in hand is finished first)
 * @since 0.1
 */
public record Shift(Duration start, Duration end) {

  /**
   * Validates that the shift starts at or after zero, ends after it starts and ends within a
   * year ({@link SimulationLimits#MAX_DURATION}).
   */
  public Shift {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isNegative() || end.compareTo(start) <= 0) {
      throw new IllegalArgumentException(
          "shift " + start + " to " + end + " must start at or after zero and end after it starts");
    }
    SimulationLimits.duration("shift end", end);
  }

  /** From {@code start} to {@code end}. */
  public static Shift of(Duration start, Duration end) {
    return new Shift(start, end);
  }
}
