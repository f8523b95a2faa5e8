package dev.switchboard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.WorkItem;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.testing.ManualTime;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gauges for business hours: a queue open from 09:00 holds two chats that come earlier, and
 * the KPIs, on the same calendar, count them at the opening; the gauges read what they report.
 */
class HeldWorkMetricsTest {

  private static final Instant SEVEN = Instant.parse("2026-03-02T07:00:00Z"); // a Monday
  private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", ZoneOffset.UTC)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00").build();

  private final ManualClock clock = new ManualClock(SEVEN);
  private final LiveKpis kpis = LiveKpis.builder().interval(Duration.ofHours(1))
      .serviceTarget("support", Duration.ofSeconds(20), 0.8).calendar(OFFICE).build();
  private final ManualSwitchboard engine = Switchboard.builder().clock(clock)
      .queue("support", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())))
      .calendar(OFFICE).queueHours("support", "office", AfterHours.hold())
      .autoAccept(Channel.CHAT).listener(kpis).buildManual();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void heldGauges_readTheHeldWork_countedAtTheOpening() {
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build());
    engine.setPresence("ann", Presence.AVAILABLE);
    at("07:30");
    chat("c1"); // held 90 minutes, to ann at 09:00
    at("08:30");
    chat("c2"); // held 30 minutes, to ann at 09:00
    at("09:20");
    engine.complete("ann", "c1", Outcome.RESOLVED);
    engine.complete("ann", "c2", Outcome.RESOLVED);
    engine.drain();
    bindAndRead();

    for (String period : new String[] {"interval", "day"}) {
      String[] tags = {"queue", "support", "period", period};
      IntervalKpis support = (period.equals("day") ? kpis.snapshot(clock.instant())
          .today(Dimension.QUEUE, "support") : kpis.snapshot(clock.instant())
          .interval(Dimension.QUEUE, "support")).orElseThrow();
      assertThat(gauge("switchboard.queue.offered.after.hours", tags))
          .isEqualTo(support.offeredAfterHours()).isEqualTo(2);
      assertThat(gauge("switchboard.queue.held", tags)).isEqualTo(support.held()).isEqualTo(2);
      assertThat(gauge("switchboard.queue.held.time.average", tags))
          .isEqualTo(Duration.ofMinutes(60).toSeconds());
      assertThat(gauge("switchboard.queue.speed.of.answer.average", tags))
          .as("held time is part of the wait").isEqualTo(3600.0);
    }
    assertThat(gauge("switchboard.centre.held", "period", "day")).isEqualTo(2);
  }

  @Test
  void withNothingHeld_theCountsReadZero_andTheMeanNaN() {
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build());
    engine.setPresence("ann", Presence.AVAILABLE);
    at("10:00");
    chat("c1"); // open: to ann at once
    bindAndRead();

    String[] day = {"queue", "support", "period", "day"};
    assertThat(gauge("switchboard.queue.offered", day)).isEqualTo(1);
    assertThat(gauge("switchboard.queue.offered.after.hours", day)).isZero();
    assertThat(gauge("switchboard.queue.held", day)).isZero();
    assertThat(gauge("switchboard.queue.held.time.average", day)).isNaN();
  }

  /** Binds the meters, then lets the manual engine answer one refresh. */
  private void bindAndRead() {
    SwitchboardMetrics metrics = SwitchboardMetrics.builder(engine).kpis(kpis)
        .clock(new MockClock()).waitAtMost(Duration.ZERO).build();
    metrics.bindTo(registry);
    var refreshed = metrics.refresh().toCompletableFuture();
    engine.drain();
    refreshed.join();
  }

  private void chat(String id) {
    engine.submit(WorkItem.builder(id, Channel.CHAT).customer("k-" + id).queue("support")
        .build());
    engine.drain();
  }

  /** Moves the clock to {@code hh:mm} of the day, firing every timer due on the way. */
  private void at(String hhmm) {
    ManualTime.advance(engine, clock, SEVEN.plus(Duration.between(LocalTime.of(7, 0),
        LocalTime.parse(hhmm))));
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }
}
