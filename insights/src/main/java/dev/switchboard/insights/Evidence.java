package dev.switchboard.insights;

import java.util.Objects;

/**
 * One number an insight rests on, with its unit: a service level, a count, a time in seconds.
 *
 * @param name what was measured, e.g. {@code serviceLevel}
 * @param value the measured value
 * @param unit {@code share} (0 to 1), {@code items}, {@code agents}, {@code seconds}, {@code
 *     per hour} or {@code erlangs}
 * @since 0.2
 */
public record Evidence(String name, double value, String unit) {

  /** Checks the names are present. */
  public Evidence {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
  }
}
