package dev.switchboard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Presence;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.KpiSnapshot;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters report what the live KPIs and the engine's snapshot say, on the manual engine. */
class SwitchboardMetricsTest {

  private final Centre centre = new Centre().morning();
  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    centre.close();
  }

  private SwitchboardMetrics.Builder metrics() {
    return SwitchboardMetrics.builder(centre.counted).kpis(centre.kpis).clock(clock)
        .waitAtMost(Duration.ZERO);
  }

  /** Binds, then lets the manual engine answer one refresh. */
  private void bindAndRead(SwitchboardMetrics metrics) {
    metrics.bindTo(registry);
    var refreshed = metrics.refresh().toCompletableFuture();
    centre.engine.drain();
    refreshed.join();
  }

  /** Reads every meter, as a registry's publication does. */
  private void scrape() {
    registry.getMeters().forEach(m -> m.measure().forEach(Measurement::getValue));
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void kpiGauges_equalWhatLiveKpisReport_forTheIntervalAndTheDay() {
    bindAndRead(metrics().build());
    KpiSnapshot kpis = centre.kpis.snapshot(Centre.EIGHT.plusSeconds(120));

    for (String period : new String[] {"interval", "day"}) {
      IntervalKpis support = (period.equals("day") ? kpis.today(Dimension.QUEUE, "support")
          : kpis.interval(Dimension.QUEUE, "support")).orElseThrow();
      String[] tags = {"queue", "support", "period", period};
      assertThat(gauge("switchboard.queue.offered", tags)).isEqualTo(support.offered())
          .isEqualTo(3);
      assertThat(gauge("switchboard.queue.answered", tags)).isEqualTo(support.answered())
          .isEqualTo(2);
      assertThat(gauge("switchboard.queue.service.level", tags))
          .isEqualTo(support.serviceLevel().getAsDouble()).isEqualTo(0.5);
      assertThat(gauge("switchboard.queue.wait.probability", tags))
          .isEqualTo(support.probabilityOfWait().getAsDouble());
      assertThat(gauge("switchboard.queue.speed.of.answer.average", tags))
          .isEqualTo(support.averageSpeedOfAnswer().orElseThrow().toNanos() / 1e9)
          .isEqualTo(15.0);
      assertThat(gauge("switchboard.queue.handle.time.average", tags)).isEqualTo(40.0);
      assertThat(gauge("switchboard.queue.abandonment", tags)).isEqualTo(0.0);
      assertThat(gauge("switchboard.queue.first.contact.resolution", tags)).isEqualTo(1.0);
      assertThat(gauge("switchboard.queue.campaign.share", tags)).isEqualTo(0.0);
    }
    assertThat(gauge("switchboard.channel.answered", "channel", "email", "period", "day"))
        .isEqualTo(kpis.today(Dimension.CHANNEL, "email").orElseThrow().answered())
        .isEqualTo(1);
    assertThat(gauge("switchboard.channel.handle.time.average", "channel", "email",
        "period", "day")).isEqualTo(80.0);
    IntervalKpis all = kpis.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow();
    assertThat(gauge("switchboard.centre.offered", "period", "day")).isEqualTo(all.offered())
        .isEqualTo(4);
    assertThat(gauge("switchboard.centre.occupancy", "period", "day"))
        .isCloseTo(all.occupancy().getAsDouble(), within(1e-12));

    assertThat(gauge("switchboard.queue.backlog", "queue", "support")).isEqualTo(1);
    assertThat(gauge("switchboard.queue.backlog.oldest.age", "queue", "support"))
        .isEqualTo(60.0);
    assertThat(gauge("switchboard.queue.service.level.target", "queue", "support"))
        .isEqualTo(0.8);
    assertThat(gauge("switchboard.queue.service.level.threshold", "queue", "support"))
        .isEqualTo(20.0);
    assertThat(gauge("switchboard.queue.service.level.threshold", "queue", "sales"))
        .isEqualTo(20.0);
  }

  @Test
  void ratiosWithNothingToDivide_readNaN_whileCountsReadZero() {
    bindAndRead(metrics().build());
    String[] sales = {"queue", "sales", "period", "day"};
    assertThat(gauge("switchboard.queue.occupancy", sales)).isNaN();   // agent time: no queue
    assertThat(gauge("switchboard.queue.reopened", sales)).isZero();
    assertThat(gauge("switchboard.queue.abandoned", sales)).isZero();
  }

  @Test
  void commandsQueued_readsTheEngineLive_notTheCachedSnapshot() {
    bindAndRead(metrics().build());
    assertThat(gauge("switchboard.commands.queued")).isZero();
    for (int i = 0; i < 3; i++) {
      centre.engine.submit(dev.switchboard.WorkItem.builder("queued-" + i,
          dev.switchboard.Channel.CHAT).customer("c" + i).build());
    }
    assertThat(gauge("switchboard.commands.queued")).isEqualTo(3.0)
        .isEqualTo(centre.engine.queuedCommands());
    centre.engine.drain();
    assertThat(gauge("switchboard.commands.queued")).isZero();
  }

  @Test
  void commandLatencyAndJournalPending_readTheEnginesHealthLive() {
    bindAndRead(metrics().build());
    var timer = registry.get("switchboard.command.latency").functionTimer();
    long before = (long) timer.count();
    assertThat(before).isEqualTo(centre.engine.health().commandsApplied());
    centre.engine.submit(dev.switchboard.WorkItem.builder("timed", dev.switchboard.Channel.CHAT)
        .customer("c").build());
    centre.engine.drain();
    assertThat((long) timer.count()).isGreaterThan(before)
        .isEqualTo(centre.engine.health().commandsApplied());
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.SECONDS))
        .as("the manual engine measures no latency").isZero();
    assertThat(gauge("switchboard.journal.pending")).isZero();
  }

  @Test
  void engineGauges_equalWhatTheEngineSnapshotSays() {
    bindAndRead(metrics().build());
    var stage = centre.engine.snapshot().toCompletableFuture();
    centre.engine.drain();
    EngineSnapshot snapshot = stage.join();

    for (ItemState state : new ItemState[] {ItemState.QUEUED, ItemState.ASSIGNED}) {
      long expected = snapshot.items().stream()
          .filter(i -> i.queue().equals("support") && i.state() == state).count();
      assertThat(gauge("switchboard.items", "queue", "support", "state",
          state.name().toLowerCase())).isEqualTo(expected).isEqualTo(1);
    }
    assertThat(gauge("switchboard.items", "queue", "sales", "state", "assigned")).isZero();
    assertThat(gauge("switchboard.agents", "presence", "available")).isEqualTo(
        snapshot.agents().stream()
            .filter(a -> a.presence().status() == Presence.Status.AVAILABLE).count())
        .isEqualTo(2);
    assertThat(gauge("switchboard.agents", "presence", "offline")).isEqualTo(1);
    assertThat(counter("switchboard.listener.failures")).isEqualTo(snapshot.listenerFailures())
        .isZero();
    assertThat(counter("switchboard.events.dropped")).isEqualTo(snapshot.droppedEvents());
    assertThat(gauge("switchboard.adapter.status", "adapter", "sms-line", "channel", "sms",
        "status", "up")).isEqualTo(1);
    assertThat(gauge("switchboard.adapter.status", "adapter", "sms-line", "channel", "sms",
        "status", "down")).isZero();
    assertThat(counter("switchboard.adapter.inbound.accepted", "adapter", "sms-line"))
        .isZero();
  }

  @Test
  void aScrapeOfEveryMeter_asksTheEngineOnce_andAgainOnlyAfterTheCachePeriod() {
    SwitchboardMetrics metrics = metrics().cacheFor(Duration.ofSeconds(1)).build();
    bindAndRead(metrics);
    assertThat(centre.snapshotRequests).hasValue(1);

    scrape();
    clock.add(Duration.ofMillis(999));
    scrape();
    assertThat(centre.snapshotRequests).hasValue(1);
    assertThat(counter("switchboard.metrics.stale.reads")).isZero();

    clock.add(Duration.ofMillis(1));
    centre.chat("c4");
    scrape();        // expired: one request, old values
    assertThat(centre.snapshotRequests).hasValue(2);
    assertThat(gauge("switchboard.queue.backlog", "queue", "support")).isEqualTo(1);
    assertThat(counter("switchboard.metrics.stale.reads")).isPositive();
    assertThat(gauge("switchboard.metrics.reading.age")).isEqualTo(1.0);

    centre.engine.drain();                               // the engine answers
    assertThat(gauge("switchboard.queue.backlog", "queue", "support")).isEqualTo(2);
    assertThat(gauge("switchboard.metrics.reading.age")).isZero();
    assertThat(centre.snapshotRequests).hasValue(2);
  }

  @Test
  void aClosedEngine_leavesTheLastReading_andCountsTheFailure_withoutAskingOnEveryRead() {
    bindAndRead(metrics().build());
    centre.engine.close();
    clock.add(Duration.ofSeconds(5));
    scrape();
    assertThat(gauge("switchboard.agents", "presence", "available")).isEqualTo(2);
    assertThat(counter("switchboard.metrics.snapshot.failures")).isEqualTo(1);
    assertThat(centre.snapshotRequests).hasValue(2);
  }

  @Test
  void meterNamesAndTagKeys_areBounded_andNoItemOrCustomerBecomesATag() {
    bindAndRead(metrics().build());
    Set<String> names = registry.getMeters().stream().map(m -> m.getId().getName())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> tagKeys = registry.getMeters().stream()
        .flatMap(m -> m.getId().getTags().stream()).map(Tag::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> tagValues = registry.getMeters().stream()
        .flatMap(m -> m.getId().getTags().stream()).map(Tag::getValue)
        .collect(Collectors.toSet());

    assertThat(names).allMatch(n -> n.matches("switchboard(\\.[a-z]+)+"));
    assertThat(names).containsAll(Meters.EXPECTED_NAMES).hasSameSizeAs(Meters.EXPECTED_NAMES);
    assertThat(tagKeys).containsExactly("adapter", "channel", "period", "presence", "queue",
        "reason", "state", "status");
    assertThat(tagValues).doesNotContain("c1", "c2", "c3", "e1", "k-c1", "k-e1", "ann", "red");
    int perKey = 2 * Meters.KPI_SUFFIXES.size();                  // interval and day
    int fixed = 2 + 3 + 1 + 3 + 3;        // listener, events; agents by presence; commands
                                          // queued; the cache's; latency, its max, journal
    int queues = 2 * (perKey + 4 + 5);    // support, sales: KPIs, backlog and target, items
                                          // by their five live states
    int channels = 2 * perKey;            // chat and email; sms carried no work
    int adapter = 3 + 2 + 2 + 3 + 3;      // status; queued, pending; accepted, duplicates;
                                          // rejected by reason; delivered, failed, dead letters
    assertThat(registry.getMeters()).hasSize(fixed + perKey + queues + channels + adapter);
  }

  @Test
  void teamAndAgentDimensions_appearOnlyWhenTheHostAsks() {
    bindAndRead(metrics().dimensions(Dimension.QUEUE, Dimension.TEAM, Dimension.AGENT)
        .build());
    assertThat(gauge("switchboard.team.answered", "team", "red", "period", "day")).isEqualTo(2);
    assertThat(gauge("switchboard.agent.handle.time.average", "agent", "cat", "period", "day"))
        .isEqualTo(80.0);
    assertThat(registry.find("switchboard.centre.offered").meters()).isEmpty();
    assertThat(registry.find("switchboard.channel.offered").meters()).isEmpty();
  }
}
