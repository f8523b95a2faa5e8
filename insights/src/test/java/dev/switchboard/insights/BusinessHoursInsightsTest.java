package dev.switchboard.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Target;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.kpi.ClosedInterval;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Simulation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Staffing for open hours: a sales line open 09:00 to 11:30 whose queue holds the calls that come
 * from 08:00 and after 11:30, simulated on the engine with the insights listening. Insights are
 * found only for intervals with open time, at the arrival rate per open hour.
 */
class BusinessHoursInsightsTest {

  private static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");
  private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", ZoneOffset.UTC)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-11:30").build();
  private static final Duration THRESHOLD = Duration.ofSeconds(20);

  /** 120 calls an hour from 08:00 to 12:00, 3 minutes each: 6 erlangs while open. */
  private static final ArrivalStream SALES = ArrivalStream.builder("sales", Channel.VOICE)
      .queue("sales").ratesPerHour(Duration.ofHours(1), rates())
      .handleTime(Distribution.exponential(Duration.ofMinutes(3))).build();

  private static List<Double> rates() {
    List<Double> r = new ArrayList<>(Collections.nCopies(24, 0.0));
    for (int h = 8; h < 12; h++) {
      r.set(h, 120.0);
    }
    return r;
  }

  private static List<Insight> day(LiveKpis kpis) {
    Insights insights = Insights.builder(kpis).build();
    AtomicBoolean listening = new AtomicBoolean();
    Simulation.Builder sim = Simulation.builder().start(MONDAY).calendar(OFFICE)
        .engine(b -> b.queue("sales", RoutingPolicy.of(PolicyStep.untilAnswered(
            Target.requiredSkills()))).listener(e -> {
              if (listening.get()) {
                insights.onEvent(e);
              }
            }))
        .queueHours("sales", "office", AfterHours.hold())
        .horizon(Duration.ofHours(24)).serviceLevelThreshold(THRESHOLD).replications(1).seed(3)
        .stream(SALES);
    for (int i = 1; i <= 7; i++) {
      sim.agent(Agent.builder("s" + i).channel(Channel.VOICE).build(), "office");
    }
    Simulation built = sim.build();
    listening.set(true);
    built.run();
    return insights.history().stream().filter(i -> i.rule().equals("understaffing")).toList();
  }

  private static LiveKpis.Builder kpis() {
    return LiveKpis.builder().interval(Duration.ofHours(1)).defaultServiceTarget(THRESHOLD, 0.8);
  }

  @Test
  void staffing_isRecommendedOnlyForOpenHours_atTheRatePerOpenHour() {
    List<Insight> found = day(kpis().calendar(OFFICE).build());

    assertThat(found).isNotEmpty();
    for (Insight i : found) {
      Duration open = OFFICE.openTimeBetween(i.start(), i.end());
      assertThat(open).as("interval from %s", i.start()).isPositive();
      double offered = i.evidence("offered").orElseThrow().value();
      double afterHours = i.evidence("offeredAfterHours").orElseThrow().value();
      double openHours = i.evidence("openHours").orElseThrow().value();
      assertThat(openHours).isEqualTo(open.toNanos() / 3.6e12, within(1e-9));
      assertThat(i.evidence("arrivalsPerHour").orElseThrow().value())
          .isEqualTo((offered - afterHours) / openHours, within(1e-9));
      // the calls held from 08:00 reach the 09:00 interval, but do not count as its arrival rate
      assertThat(i.evidence("arrivalsPerHour").orElseThrow().value()).isBetween(60.0, 200.0);
    }
    assertThat(found).anySatisfy(i -> {
      assertThat(i.start()).isEqualTo(MONDAY.plus(Duration.ofHours(9)));
      assertThat(i.evidence("offeredAfterHours").orElseThrow().value()).isGreaterThan(80);
    });
  }

  @Test
  void withTheCalendar_closedHoursAreNoIntervals_withoutIt_theyAreIntervalsWithNoService() {
    LiveKpis withHours = kpis().calendar(OFFICE).intervalsKept(1000).build();
    day(withHours);
    assertThat(withHours.closedIntervals()).isNotEmpty().allSatisfy(c ->
        assertThat(OFFICE.openTimeBetween(c.start(), c.end())).isPositive());

    LiveKpis aroundTheClock = kpis().intervalsKept(1000).build();
    day(aroundTheClock);
    ClosedInterval eight = aroundTheClock.closedIntervals().stream()
        .filter(c -> c.start().equals(MONDAY.plus(Duration.ofHours(8)))).findFirst()
        .orElseThrow();
    IntervalKpis held = eight.get(Dimension.QUEUE, "sales").orElseThrow();
    assertThat(held.offered()).isGreaterThan(80);
    assertThat(held.answered()).isZero();
    assertThat(held.staffedTime()).isZero();
  }
}
