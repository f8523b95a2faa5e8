package dev.switchboard.micrometer.internal;

import dev.switchboard.kpi.Backlog;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.KpiSnapshot;
import dev.switchboard.kpi.ServiceTarget;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The live KPIs' meters for one key of one dimension: every {@link KpiGauge} for the current
 * interval and for the day (tag {@code period}), and for a queue its backlog and target.
 */
final class KpiMeters {

  /** Tag saying which period a KPI gauge covers. */
  static final String PERIOD = "period";

  private KpiMeters() {}

  /** The prefix of a dimension's meter names: {@code switchboard.queue} and so on. */
  static String prefix(Dimension dimension) {
    return dimension == Dimension.ALL ? "switchboard.centre"
        : "switchboard." + dimension.name().toLowerCase(Locale.ROOT);
  }

  /** The tag naming the key: none for the whole centre, else {@code queue=...} and so on. */
  static Tags keyTags(Dimension dimension, String key) {
    return dimension == Dimension.ALL ? Tags.empty()
        : Tags.of(dimension.name().toLowerCase(Locale.ROOT), key);
  }

  static void register(Instruments meters, Dimension dimension, String key) {
    String prefix = prefix(dimension);
    Tags tags = keyTags(dimension, key);
    for (KpiGauge g : KpiGauge.values()) {
      meters.gauge(prefix + "." + g.suffix(), g.unit(), g.description() + ", current interval",
          tags.and(PERIOD, "interval"), r -> g.read(kpis(r, s -> s.interval(dimension, key))));
      meters.gauge(prefix + "." + g.suffix(), g.unit(), g.description() + ", day so far",
          tags.and(PERIOD, "day"), r -> g.read(kpis(r, s -> s.today(dimension, key))));
    }
    if (dimension == Dimension.QUEUE) {
      registerQueue(meters, key, tags);
    }
  }

  private static void registerQueue(Instruments meters, String queue, Tags tags) {
    meters.gauge("switchboard.queue.backlog", Units.ITEMS,
        "Items queued or offered, not yet taken by an agent", tags,
        r -> backlog(r, queue, b -> b.waiting()));
    meters.gauge("switchboard.queue.backlog.oldest.age", Units.SECONDS,
        "How long the oldest waiting item has waited since its creation", tags,
        r -> backlog(r, queue, b -> Units.seconds(b.oldestAge())));
    meters.gauge("switchboard.queue.service.level.target", Units.RATIO,
        "The queue's service-level target: the share to answer within the threshold", tags,
        r -> target(r, queue, ServiceTarget::target));
    meters.gauge("switchboard.queue.service.level.threshold", Units.SECONDS,
        "The queue's service-level threshold: answered within it counts as in time", tags,
        r -> target(r, queue, t -> Units.seconds(t.threshold())));
  }

  private static Optional<IntervalKpis> kpis(Reading r,
      Function<KpiSnapshot, Optional<IntervalKpis>> period) {
    return r.kpis().flatMap(period);
  }

  private static double backlog(Reading r, String queue, ToDoubleFunction<Backlog> value) {
    return r.kpis().map(s -> {
      Backlog b = s.backlog().get(queue);
      return b == null ? 0.0 : value.applyAsDouble(b);
    }).orElse(Double.NaN);
  }

  private static double target(Reading r, String queue, ToDoubleFunction<ServiceTarget> value) {
    return r.kpis().flatMap(s -> s.today(Dimension.QUEUE, queue))
        .flatMap(IntervalKpis::target).map(value::applyAsDouble).orElse(Double.NaN);
  }
}
