package dev.switchboard.examples.adapters;

import dev.switchboard.spi.AdapterConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Reads a reference adapter's settings from the properties of an {@link AdapterConfig}, for the
 * adapters' {@code ChannelAdapterProvider}s: each property is handed to the settings builder's
 * option only when it is set (so the builder's defaults stay its own), and whatever the builder
 * refuses comes back as an {@link IllegalArgumentException} naming the adapter and the property,
 * as the provider contract asks.
 */
public final class ProviderProperties {

  private final AdapterConfig config;

  /** Reads the properties of {@code config}. */
  public ProviderProperties(AdapterConfig config) {
    this.config = config;
  }

  /** Hands the property to {@code option}; refuses a configuration without it. */
  public void required(String key, Consumer<String> option) {
    String value = config.require(key);
    apply(key, value, () -> option.accept(value));
  }

  /** Hands the property to {@code option} when it is set. */
  public void optional(String key, Consumer<String> option) {
    config.get(key).ifPresent(value -> apply(key, value, () -> option.accept(value)));
  }

  /** Hands the property, an integer, to {@code option} when it is set. */
  public void optionalInt(String key, IntConsumer option) {
    config.get(key).ifPresent(value -> apply(key, value, () -> {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected an integer");
      }
      option.accept(n);
    }));
  }

  /** Hands the property, an ISO-8601 duration such as {@code PT30S}, to {@code option} when set. */
  public void optionalDuration(String key, Consumer<Duration> option) {
    config.get(key).ifPresent(value -> apply(key, value, () -> option.accept(duration(value))));
  }

  /**
   * Hands {@code flood-burst} (messages) and {@code flood-refill} (a duration) to the settings'
   * flood limit when both are set; refuses a configuration that sets only one of them.
   */
  public void floodLimit(BiConsumer<Integer, Duration> option) {
    boolean burst = config.get("flood-burst").isPresent();
    boolean refill = config.get("flood-refill").isPresent();
    if (burst != refill) {
      throw new IllegalArgumentException("adapter '" + config.adapterId() + "' sets "
          + (burst ? "flood-burst without flood-refill" : "flood-refill without flood-burst")
          + "; set both or neither");
    }
    if (burst) {
      String value = config.require("flood-burst") + ", " + config.require("flood-refill");
      apply("flood-burst/flood-refill", value, () -> option.accept(
          config.intValue("flood-burst", 0, 1, Integer.MAX_VALUE),
          duration(config.require("flood-refill"))));
    }
  }

  /** Builds the settings, turning a missing required option into an argument error. */
  public <T> T build(Supplier<T> settings) {
    try {
      return settings.get();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("adapter '" + config.adapterId() + "': "
          + e.getMessage(), e);
    }
  }

  private void apply(String key, String value, Runnable option) {
    try {
      option.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      // a secret's value never goes into an error message, which ends up in logs
      String shown = secret(key) ? "(" + value.length() + " characters, not shown)"
          : "'" + value + "'";
      throw new IllegalArgumentException("adapter '" + config.adapterId() + "' property '" + key
          + "' is " + shown + ": " + e.getMessage(), e);
    }
  }

  /** Whether a property holds a secret: its name says so (secret, password, key). */
  static boolean secret(String key) {
    return key.contains("secret") || key.contains("password") || key.endsWith("key");
  }

  private static Duration duration(String value) {
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("expected an ISO-8601 duration such as PT30S");
    }
  }
}
