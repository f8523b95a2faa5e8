package dev.switchboard.kpi;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live KPIs at one moment: the current interval and the day so far for every key seen, and
 * each queue's backlog. Immutable; taken by {@link LiveKpis#snapshot(Instant)}.
 *
 * @param at the moment the snapshot describes: open agent time and backlog ages run up to here
 * @param interval the current interval's figures, by dimension, then key
 * @param today the day's figures so far, by dimension, then key
 * @param backlog each queue's waiting work, by queue (queues with nothing waiting included once
 *     seen)
 * @since 0.2
 */
public record KpiSnapshot(Instant at, Map<Dimension, Map<String, IntervalKpis>> interval,
    Map<Dimension, Map<String, IntervalKpis>> today, Map<String, Backlog> backlog) {

  /** Copies the maps. */
  public KpiSnapshot {
    Objects.requireNonNull(at, "at");
    interval = copy(interval);
    today = copy(today);
    backlog = Map.copyOf(backlog);
  }

  /** The current interval's figures for the key, if anything was counted for it. */
  public Optional<IntervalKpis> interval(Dimension dimension, String key) {
    return Optional.ofNullable(interval.getOrDefault(dimension, Map.of()).get(key));
  }

  /** The day's figures so far for the key, if anything was counted for it. */
  public Optional<IntervalKpis> today(Dimension dimension, String key) {
    return Optional.ofNullable(today.getOrDefault(dimension, Map.of()).get(key));
  }

  private static Map<Dimension, Map<String, IntervalKpis>> copy(
      Map<Dimension, Map<String, IntervalKpis>> byDimension) {
    Map<Dimension, Map<String, IntervalKpis>> out = new EnumMap<>(Dimension.class);
    byDimension.forEach((d, m) -> out.put(d, Map.copyOf(m)));
    return java.util.Collections.unmodifiableMap(out);
  }
}
