package dev.switchboard.kpi.internal;

import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.ServiceTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The counters of one interval or day, by dimension and key, while it is open. */
final class Period {

  final Instant start;
  final Instant end;
  private final Map<Dimension, Map<String, Counters>> counters = new EnumMap<>(Dimension.class);

  Period(Instant start, Instant end) {
    this.start = start;
    this.end = end;
  }

  /** The key's counters, made on first use. */
  Counters at(Dimension dimension, String key) {
    return counters.computeIfAbsent(dimension, d -> new LinkedHashMap<>())
        .computeIfAbsent(key, k -> new Counters());
  }

  /** Keys counted so far, over all dimensions. */
  int keys() {
    int n = 0;
    for (Map<String, Counters> m : counters.values()) {
      n += m.size();
    }
    return n;
  }

  /** A deep copy, to add open agent time to without touching this one. */
  Period copy() {
    Period p = new Period(start, end);
    counters.forEach((d, m) -> {
      Map<String, Counters> c = new LinkedHashMap<>();
      m.forEach((k, v) -> c.put(k, v.copy()));
      p.counters.put(d, c);
    });
    return p;
  }

  /** Immutable figures of every key; {@code openTime} is the period's open time. */
  Map<Dimension, Map<String, IntervalKpis>> freeze(
      Function<String, Optional<ServiceTarget>> queueTarget, Duration openTime) {
    Map<Dimension, Map<String, IntervalKpis>> out = new EnumMap<>(Dimension.class);
    counters.forEach((d, m) -> {
      Map<String, IntervalKpis> f = new LinkedHashMap<>();
      m.forEach((k, v) -> f.put(k, v.freeze(d, k, start, end,
          d == Dimension.QUEUE ? queueTarget.apply(k) : Optional.empty(), openTime)));
      out.put(d, Collections.unmodifiableMap(f));
    });
    return Collections.unmodifiableMap(out);
  }
}
