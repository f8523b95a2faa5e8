package dev.switchboard.examples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Presence;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.insights.Action;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.Insights;
import dev.switchboard.insights.PredictedEffect;
import dev.switchboard.kpi.Backlog;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.KpiSnapshot;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sla.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The supervisor's part of the dashboard state: intraday KPIs per interval (from {@link
 * LiveKpis}), queue depth and oldest wait over the last hour, the agent board, the alerts feed,
 * the insights and the wallboard's few numbers. Fed the engine's events on the simulation's
 * thread, read there by {@link LiveDemo#capture}; the JSON it writes is rendered by the page
 * with {@code textContent} and chart data only.
 */
final class SupervisorView {

  /** The demo shows engine time as a 09:00 to 17:00 day. */
  static final Duration DAY_STARTS = Duration.ofHours(9);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  /** Queue depth is charted over the last hour, a point at most every 30 s of engine time. */
  private static final Duration DEPTH_WINDOW = Duration.ofHours(1);
  private static final Duration DEPTH_STEP = Duration.ofSeconds(30);
  private static final int ALERTS_KEPT = 20;
  private static final int INSIGHTS_SHOWN = 12;
  /** The wallboard compares the centre's service level with this share. */
  static final double CENTRE_TARGET = 0.8;

  private final Insights insights;
  private final Map<String, Instant> presenceSince = new HashMap<>();
  private final Map<String, String> ownerOf = new HashMap<>();
  private final Deque<Alert> alerts = new ArrayDeque<>();
  private final Deque<DepthSample> depth = new ArrayDeque<>();

  /** One point of the queue-depth chart: per queue, items waiting and the oldest wait. */
  private record DepthSample(Instant at, Map<String, long[]> queues) {}

  SupervisorView(Insights insights) {
    this.insights = insights;
  }

  /** The live KPIs the insights read. */
  LiveKpis kpis() {
    return insights.kpis();
  }

  /** Hears one engine event: presence changes, owners and alerts (the KPIs hear it elsewhere). */
  void onEvent(RoutingEvent e) {
    if (e instanceof RoutingEvent.PresenceChanged p) {
      presenceSince.put(p.agentId(), p.at());
    } else if (e instanceof RoutingEvent.AgentAdded a) {
      presenceSince.putIfAbsent(a.agent().id(), a.at());
    } else if (e instanceof RoutingEvent.OwnerChanged o) {
      o.to().ifPresentOrElse(to -> ownerOf.put(o.customerId(), to),
          () -> ownerOf.remove(o.customerId()));
    } else if (e instanceof RoutingEvent.AlertRaised a) {
      alerts.addFirst(a.alert());
      if (alerts.size() > ALERTS_KEPT) {
        alerts.removeLast();
      }
    }
  }

  /** Local clock label of an engine instant, as the demo shows it. */
  static String clock(Instant at) {
    return CLOCK.format(at.plus(DAY_STARTS));
  }

  /** Seconds since the epoch of an engine instant shifted to the demo's clock, for charts. */
  static long chartTime(Instant at) {
    return at.plus(DAY_STARTS).getEpochSecond();
  }

  /** Writes the supervisor's sections into {@code root}. */
  void write(ObjectNode root, Instant now, EngineSnapshot snap) {
    LiveKpis kpis = kpis();
    KpiSnapshot live = kpis.snapshot(now);
    Map<String, long[]> waiting = waiting(live);
    writeIntervals(root.putObject("kpis"), kpis, live);
    writeDepth(root.putObject("depth"));
    writeAgents(root.putArray("board"), now, snap);
    writeAlerts(root.putArray("alerts"));
    writeInsights(root.putArray("insights"));
    writeWallboard(root.putObject("wallboard"), live, waiting, snap);
  }

  /** Per queue: items waiting and the oldest wait in seconds, from the KPIs' backlog. */
  private static Map<String, long[]> waiting(KpiSnapshot live) {
    Map<String, long[]> out = new TreeMap<>();
    for (Backlog b : live.backlog().values()) {
      out.put(b.queue(), new long[] {b.waiting(), b.oldestAge().toSeconds()});
    }
    return out;
  }

  /**
   * Takes a point of the queue-depth chart at engine time {@code now}, unless the last point is
   * less than 30 s of engine time old. Called as the simulation advances, so the chart follows
   * the events however rarely the page's state is captured.
   */
  void sampleDepth(Instant now) {
    if (!depth.isEmpty()
        && Duration.between(depth.peekLast().at(), now).compareTo(DEPTH_STEP) < 0) {
      return;
    }
    depth.addLast(new DepthSample(now, waiting(kpis().snapshot(now))));
    while (Duration.between(depth.peekFirst().at(), now).compareTo(DEPTH_WINDOW) > 0) {
      depth.removeFirst();
    }
  }

  private static void writeIntervals(ObjectNode out, LiveKpis kpis, KpiSnapshot live) {
    ArrayNode series = out.putArray("series");
    for (Dimension d : List.of(Dimension.ALL, Dimension.QUEUE, Dimension.CHANNEL,
        Dimension.TEAM)) {
      for (String key : new TreeSet<>(live.today().getOrDefault(d, Map.of()).keySet())) {
        ObjectNode s = series.addObject().put("dimension", d.name().toLowerCase())
            .put("key", key);
        if (d == Dimension.QUEUE) {
          s.put("target", kpis.serviceTarget(key).target())
              .put("thresholdSeconds", kpis.serviceTarget(key).threshold().toSeconds());
        }
        ArrayNode points = s.putArray("points");
        for (IntervalKpis k : kpis.intervals(d, key)) {
          ObjectNode p = points.addObject().put("t", chartTime(k.start()))
              .put("label", clock(k.start())).put("offered", k.offered())
              .put("answered", k.answered()).put("abandoned", k.abandoned());
          share(p, "serviceLevel", k.serviceLevel());
          share(p, "abandonment", k.abandonmentRate());
          share(p, "occupancy", k.occupancy());
          Optional<Duration> asa = k.averageSpeedOfAnswer();
          if (asa.isPresent()) {
            p.put("asaSeconds", Math.round(asa.get().toMillis() / 100.0) / 10.0);
          } else {
            p.putNull("asaSeconds");
          }
        }
      }
    }
  }

  /** A share rounded to 0.1% (as the page shows it), or null when it has no denominator. */
  private static void share(ObjectNode p, String name, OptionalDouble v) {
    if (v.isPresent()) {
      p.put(name, Math.round(v.getAsDouble() * 1000) / 1000.0);
    } else {
      p.putNull(name);
    }
  }

  private void writeDepth(ObjectNode out) {
    ArrayNode times = out.putArray("t");
    ArrayNode labels = out.putArray("labels");
    TreeSet<String> queues = new TreeSet<>();
    depth.forEach(s -> queues.addAll(s.queues().keySet()));
    ObjectNode byQueue = out.putObject("queues");
    for (DepthSample s : depth) {
      times.add(chartTime(s.at()));
      labels.add(clock(s.at()));
    }
    for (String q : queues) {
      ObjectNode one = byQueue.putObject(q);
      ArrayNode w = one.putArray("waiting");
      ArrayNode o = one.putArray("oldestWaitSeconds");
      for (DepthSample s : depth) {
        long[] v = s.queues().getOrDefault(q, new long[2]);
        w.add(v[0]);
        o.add(v[1]);
      }
    }
  }

  private void writeAgents(ArrayNode out, Instant now, EngineSnapshot snap) {
    Map<String, Long> backlog = new HashMap<>();
    for (EngineSnapshot.ItemView i : snap.items()) {
      String owner = ownerOf.get(i.item().customerId());
      if (owner != null && (i.state() == ItemState.QUEUED || i.state() == ItemState.OFFERED)) {
        backlog.merge(owner, 1L, Long::sum);
      }
    }
    for (EngineSnapshot.AgentView a : snap.agents()) {
      Presence p = a.presence();
      Map<String, String> byChannel = new TreeMap<>();
      a.load().forEach((c, n) -> byChannel.put(c.id(), n + "/" + a.agent().capacityOn(c)));
      StringBuilder load = new StringBuilder();
      byChannel.forEach((c, n) -> load.append(load.length() == 0 ? "" : ", ").append(c)
          .append(' ').append(n));
      Instant since = presenceSince.getOrDefault(a.agent().id(), now);
      out.addObject().put("id", a.agent().id()).put("team", a.agent().team().orElse(""))
          .put("state", p.toString()).put("status", p.status().name())
          .put("load", load.toString()).put("items", a.itemIds().size())
          .put("secondsInState", Math.max(0, Duration.between(since, now).toSeconds()))
          .put("personalBacklog", backlog.getOrDefault(a.agent().id(), 0L));
    }
  }

  private void writeAlerts(ArrayNode out) {
    for (Alert a : alerts) {
      out.addObject().put("time", clock(a.at())).put("level", a.level().name())
          .put("policy", a.policy()).put("item", a.itemId()).put("channel", a.channel().id())
          .put("clock", a.clock().name()).put("recipient", a.recipient().name()
              + a.recipientId().map(r -> " " + r).orElse(""));
    }
  }

  private void writeInsights(ArrayNode out) {
    List<Insight> all = insights.history();
    for (int i = all.size() - 1; i >= 0 && out.size() < INSIGHTS_SHOWN; i--) {
      Insight in = all.get(i);
      ObjectNode o = out.addObject().put("rule", in.rule())
          .put("dimension", in.dimension().name().toLowerCase()).put("key", in.key())
          .put("t", chartTime(in.start()))
          .put("about", in.dimension().name().toLowerCase() + " " + in.key())
          .put("interval", clock(in.start()) + "–" + clock(in.end()))
          .put("summary", in.summary())
          .put("action", in.action().map(Action::describe).orElse("none"));
      ArrayNode ev = o.putArray("evidence");
      for (Evidence e : in.evidence()) {
        ev.addObject().put("name", e.name()).put("value", round(e.value())).put("unit", e.unit());
      }
      ArrayNode ef = o.putArray("effects");
      for (PredictedEffect e : in.effects()) {
        ef.addObject().put("measure", e.measure()).put("measured", round(e.measured()))
            .put("predicted", round(e.predicted().mean()))
            .put("ci95", round(e.predicted().ci95())).put("method", e.method().name())
            .put("note", e.note());
      }
    }
  }

  /** Three significant decimals; NaN as 0 never happens: NaN becomes the text "n/a". */
  private static String round(double v) {
    return Double.isNaN(v) ? "n/a" : String.valueOf(Math.round(v * 1000) / 1000.0);
  }

  private void writeWallboard(ObjectNode out, KpiSnapshot live, Map<String, long[]> waiting,
      EngineSnapshot snap) {
    long now = 0;
    long oldest = 0;
    for (long[] w : waiting.values()) {
      now += w[0];
      oldest = Math.max(oldest, w[1]);
    }
    out.put("waiting", now).put("oldestWaitSeconds", oldest).put("target", CENTRE_TARGET);
    share(out, "serviceLevelToday", live.today(Dimension.ALL, Dimension.ALL_KEY)
        .map(IntervalKpis::serviceLevel).orElse(OptionalDouble.empty()));
    share(out, "serviceLevelInterval", live.interval(Dimension.ALL, Dimension.ALL_KEY)
        .map(IntervalKpis::serviceLevel).orElse(OptionalDouble.empty()));
    out.put("interval", live.interval(Dimension.ALL, Dimension.ALL_KEY)
        .map(k -> clock(k.start()) + "–" + clock(k.end())).orElse(""));
    out.put("agentsAvailable", snap.agents().stream()
        .filter(a -> a.presence().status() == Presence.Status.AVAILABLE).count());
    out.put("agentsLoggedIn", snap.agents().stream()
        .filter(a -> a.presence().status() != Presence.Status.OFFLINE).count());
  }
}
