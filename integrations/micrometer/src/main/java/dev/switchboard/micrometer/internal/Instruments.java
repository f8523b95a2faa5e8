package dev.switchboard.micrometer.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Gauges and counters whose values come from the cache's reading. A gauge reads NaN and a counter
 * zero until the engine first answers. Gauges hold the cache strongly, so the registry keeps it
 * alive for the counters (which Micrometer holds weakly) even when the host drops the binder.
 */
final class Instruments {

  private final SnapshotCache cache;
  private final MeterRegistry registry;

  Instruments(SnapshotCache cache, MeterRegistry registry) {
    this.cache = cache;
    this.registry = registry;
  }

  void gauge(String name, String unit, String description, Tags tags,
      ToDoubleFunction<Reading> value) {
    Gauge.builder(name, () -> cache.read().map(value::applyAsDouble).orElse(Double.NaN))
        .baseUnit(unit).description(description).tags(tags).strongReference(true)
        .register(registry);
  }

  void counter(String name, String unit, String description, Tags tags,
      ToDoubleFunction<Reading> value) {
    FunctionCounter.builder(name, cache, c -> c.read().map(value::applyAsDouble).orElse(0.0))
        .baseUnit(unit).description(description).tags(tags).register(registry);
  }

  /** A gauge of the cache itself, which must not ask the engine. */
  void cacheGauge(String name, String unit, String description,
      ToDoubleFunction<SnapshotCache> value) {
    Gauge.builder(name, cache, value).baseUnit(unit).description(description)
        .strongReference(true).register(registry);
  }

  /**
   * A timer read live from the engine's health (a count and a total time), which the registry
   * turns into a rate and a mean; it must not wait for the loop.
   */
  void cacheTimer(String name, String description, ToLongFunction<SnapshotCache> count,
      ToDoubleFunction<SnapshotCache> totalSeconds) {
    FunctionTimer.builder(name, cache, count, totalSeconds, TimeUnit.SECONDS)
        .description(description).register(registry);
  }

  /** A counter of the cache itself, which must not ask the engine. */
  void cacheCounter(String name, String description, ToDoubleFunction<SnapshotCache> value) {
    FunctionCounter.builder(name, cache, value).description(description).register(registry);
  }
}
