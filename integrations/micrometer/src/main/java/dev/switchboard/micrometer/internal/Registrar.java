package dev.switchboard.micrometer.internal;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.KpiSnapshot;
import dev.switchboard.kpi.LiveKpis;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Registers the meters in every registry the binder is bound to: the fixed ones at binding, and
 * those of a queue, channel, team, agent or adapter when a reading first shows it. Keys come only
 * from the engine's configuration and its agents (queues, channel ids, adapter ids, teams, agent
 * ids), never from items or customers, so the number of meters is bounded by the configuration;
 * teams and agents are counted only for the dimensions the host enabled.
 */
public final class Registrar {

  private final SnapshotCache cache;
  private final Set<Dimension> dimensions;
  private final List<Instruments> bound = new ArrayList<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private final List<Key> keys = new ArrayList<>();

  /**
   * A registrar for an engine's meters, with its cache.
   *
   * @param kpis the engine's live KPIs, if the host gave them
   * @param dimensions the KPI dimensions to expose
   * @param clock times the cache
   * @param period how long a reading serves
   * @param wait how long a read waits for the engine
   */
  public Registrar(Switchboard engine, Optional<LiveKpis> kpis, Set<Dimension> dimensions,
      Clock clock, Duration period, Duration wait) {
    this.dimensions = Set.copyOf(dimensions);
    this.cache = new SnapshotCache(engine, kpis, clock, period, wait, this::accept);
  }

  /** Registers the fixed meters, and those of every key seen so far, in the registry. */
  public synchronized void bindTo(MeterRegistry registry) {
    Instruments meters = new Instruments(cache, registry);
    bound.add(meters);
    EngineMeters.register(meters);
    cache.last().ifPresent(this::accept);
    keys.forEach(k -> k.register(meters));
  }

  /** Asks for a fresh reading; completes once it is cached and its new keys' meters exist. */
  public CompletionStage<Void> refresh() {
    return cache.refresh().thenApply(reading -> null);
  }

  /** Registers the meters of keys the reading shows for the first time. */
  private synchronized void accept(Reading reading) {
    queues(reading.engine(), reading);
    reading.kpis().ifPresent(this::kpiKeys);
    for (AdapterStatus a : reading.adapters()) {
      add("adapter " + a.adapterId(), m -> AdapterMeters.register(m, a.adapterId(),
          a.channelId()));
    }
  }

  private void queues(EngineSnapshot engine, Reading reading) {
    Set<String> queues = new LinkedHashSet<>();
    engine.items().forEach(i -> queues.add(i.queue()));
    reading.kpis().ifPresent(k -> {
      queues.addAll(k.backlog().keySet());
      queues.addAll(k.today().getOrDefault(Dimension.QUEUE, Map.of()).keySet());
    });
    for (String q : queues) {
      add("items " + q, m -> EngineMeters.registerQueue(m, q));
    }
  }

  private void kpiKeys(KpiSnapshot kpis) {
    for (Dimension d : Dimension.values()) {
      if (!dimensions.contains(d)) {
        continue;
      }
      Set<String> dimensionKeys = new LinkedHashSet<>();
      dimensionKeys.addAll(kpis.today().getOrDefault(d, Map.of()).keySet());
      dimensionKeys.addAll(kpis.interval().getOrDefault(d, Map.of()).keySet());
      for (String k : dimensionKeys) {
        add("kpi " + d + " " + k, m -> KpiMeters.register(m, d, k));
      }
    }
  }

  private void add(String id, Key key) {
    if (seen.add(id)) {
      keys.add(key);
      bound.forEach(key::register);
    }
  }

  /** How to register one key's meters in a registry. */
  @FunctionalInterface
  private interface Key {
    void register(Instruments meters);
  }
}
