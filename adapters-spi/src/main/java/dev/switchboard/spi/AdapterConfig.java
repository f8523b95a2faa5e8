package dev.switchboard.spi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration a {@link ChannelAdapterProvider} builds an adapter from: the adapter's id and
 * string properties (host names, ports, credentials' names), with typed accessors whose errors name
 * the key, the value and what is allowed.
 *
 * @param adapterId the id the created adapter must report from {@link ChannelAdapter#id()}; 1 to
 *     64 characters of {@code [a-z0-9_-]}
 * @param properties the settings; keys and values not null
 * @since 0.1
 */
public record AdapterConfig(String adapterId, Map<String, String> properties) {

  /** Validates the id and copies the properties. */
  public AdapterConfig {
    Checks.id("adapterId", adapterId);
    properties = Map.copyOf(Checks.notNull("properties", properties));
  }

  /** A configuration for {@code adapterId} with the given properties. */
  public static AdapterConfig of(String adapterId, Map<String, String> properties) {
    return new AdapterConfig(adapterId, properties);
  }

  /** The value of {@code key}, if set. */
  public Optional<String> get(String key) {
    return Optional.ofNullable(properties.get(Checks.notNull("key", key)));
  }

  /**
   * The value of {@code key}.
   *
   * @throws IllegalArgumentException when it is not set, naming the key and the adapter
   */
  public String require(String key) {
    return get(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "adapter '" + adapterId + "' needs property '" + key + "', which is not set"));
  }

  /** The value of {@code key}, or {@code defaultValue} when it is not set. */
  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /**
   * The value of {@code key} as an int in {@code [min, max]}, or {@code defaultValue} when it is
   * not set.
   *
   * @throws IllegalArgumentException when the value is not an integer in range, naming the key,
   *     the value and the range
   */
  public int intValue(String key, int defaultValue, int min, int max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get().strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the allowed range
    }
    throw new IllegalArgumentException(
        "adapter '" + adapterId + "' property '" + key + "' is '" + raw.get()
            + "'; expected an integer from " + min + " to " + max);
  }

  /**
   * The value of {@code key} as a positive ISO-8601 duration (e.g. {@code PT30S}), or {@code
   * defaultValue} when it is not set.
   *
   * @throws IllegalArgumentException when the value is not a positive duration, naming the key and
   *     the value
   */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      Duration value = Duration.parse(raw.get().strip());
      if (!value.isNegative() && !value.isZero()) {
        return value;
      }
    } catch (DateTimeParseException e) {
      // reported below with the expected form
    }
    throw new IllegalArgumentException(
        "adapter '" + adapterId + "' property '" + key + "' is '" + raw.get()
            + "'; expected a positive ISO-8601 duration such as PT30S");
  }
}
