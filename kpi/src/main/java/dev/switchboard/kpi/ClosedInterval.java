package dev.switchboard.kpi;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One closed interval's figures for every key counted in it: what rules that run when an interval
 * ends (insights, exports) read. Immutable; closed intervals never change.
 *
 * @param start start of the interval, inclusive
 * @param end end of the interval, exclusive
 * @param figures the interval's figures by dimension, then key; keys with nothing counted absent
 * @since 0.2
 */
public record ClosedInterval(Instant start, Instant end,
    Map<Dimension, Map<String, IntervalKpis>> figures) {

  /** Copies the maps. */
  public ClosedInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Map<Dimension, Map<String, IntervalKpis>> copy = new EnumMap<>(Dimension.class);
    figures.forEach((d, m) -> copy.put(d, Map.copyOf(m)));
    figures = Collections.unmodifiableMap(copy);
  }

  /** The key's figures, if anything was counted for it in this interval. */
  public Optional<IntervalKpis> get(Dimension dimension, String key) {
    return Optional.ofNullable(figures.getOrDefault(dimension, Map.of()).get(key));
  }

  /** Every key's figures of one dimension, by key. */
  public Map<String, IntervalKpis> all(Dimension dimension) {
    return figures.getOrDefault(dimension, Map.of());
  }
}
