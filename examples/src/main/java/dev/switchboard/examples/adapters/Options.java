package dev.switchboard.examples.adapters;

import java.time.Duration;
import java.util.Objects;

/** Checks the adapters' settings builders share: each option once, values in range. */
public final class Options {

  private Options() {}

  /**
   * Fails if an option already has a value.
   *
   * @throws IllegalStateException naming the option
   */
  public static void once(Object current, String option) {
    if (current != null) {
      throw new IllegalStateException(option + " is already set");
    }
  }

  /**
   * {@code d}, if positive.
   *
   * @throws IllegalArgumentException naming the option and the value
   */
  public static Duration positive(Duration d, String option) {
    Objects.requireNonNull(d, option);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(option + " must be positive, was " + d);
    }
    return d;
  }

  /**
   * {@code value}, if at least {@code min}.
   *
   * @throws IllegalArgumentException naming the option, the value and the minimum
   */
  public static int atLeast(int value, int min, String option) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
    }
    return value;
  }

  /**
   * {@code port}, if 0 (any free port) to 65535.
   *
   * @throws IllegalArgumentException naming the option and the value
   */
  public static int port(int port, String option) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(option + " must be 0 to 65535, was " + port);
    }
    return port;
  }
}
