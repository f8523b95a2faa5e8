package dev.switchboard.micrometer.internal;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.kpi.KpiSnapshot;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one refresh of the cache read: the engine's snapshot, its adapters' status and the live
 * KPIs as of the snapshot's engine time. Every gauge of one scrape reads the same reading.
 *
 * @param engine the engine's snapshot
 * @param adapters every registered adapter's status, in registration order
 * @param kpis the live KPIs at {@code engine.at()}; empty when the binder has none
 * @param takenAt the cache clock's monotonic time, in nanoseconds, when the reading was cached
 */
public record Reading(EngineSnapshot engine, List<AdapterStatus> adapters,
    Optional<KpiSnapshot> kpis, long takenAt) {

  /** Copies the list. */
  public Reading {
    Objects.requireNonNull(engine, "engine");
    adapters = List.copyOf(adapters);
    Objects.requireNonNull(kpis, "kpis");
  }
}
