package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * KPIs per open hour, on the manual engine: a queue open 09:00 to 17:00 holds work that comes
 * earlier, and the KPIs, given the same calendar, report only open intervals, count agents' time
 * only while open, and count held time as waiting.
 */
class LiveKpisBusinessHoursTest {

  /** Monday 2 March 2026. */
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");
  private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", ZoneOffset.UTC)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00").build();

  private final ManualClock clock = new ManualClock(at("07:00"));
  private final LiveKpis kpis = LiveKpis.builder().interval(Duration.ofHours(1))
      .serviceTarget("support", Duration.ofSeconds(20), 0.8).calendar(OFFICE).build();
  private final ManualSwitchboard engine = Switchboard.builder().clock(clock)
      .queue("support", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())))
      .calendar(OFFICE).queueHours("support", "office", AfterHours.hold())
      .autoAccept(Channel.CHAT).listener(kpis).buildManual();

  @AfterEach
  void close() {
    engine.close();
  }

  private static Instant at(String hhmm) {
    return at(0, hhmm);
  }

  private static Instant at(int day, String hhmm) {
    return MONDAY.plus(Duration.ofDays(day)).plus(Duration.between(java.time.LocalTime.MIDNIGHT,
        java.time.LocalTime.parse(hhmm)));
  }

  /** Moves the clock to the instant, firing every timer due on the way (the queue's opening). */
  private LiveKpisBusinessHoursTest to(Instant t) {
    Morning.advance(engine, clock, t);
    return this;
  }

  private void chat(String id) {
    engine.submit(WorkItem.builder(id, Channel.CHAT).customer("k-" + id).queue("support").build());
    engine.drain();
  }

  private void morning() {
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build());
    engine.setPresence("ann", Presence.AVAILABLE);             // 07:00, before opening
    to(at("07:30")).chat("c1");                                // held until 09:00
    to(at("08:00")).chat("c2");                                // held
    to(at("08:30")).engine.abandon("c2");                      // gives up after 30 min held
    to(at("09:30")).engine.complete("ann", "c1", Outcome.RESOLVED); // c1 to ann at 09:00
    to(at("10:00")).chat("c3");                                // open: to ann at once
    to(at("10:10")).engine.complete("ann", "c3", Outcome.RESOLVED);
    to(at("11:00")).chat("c4");                                // closes 10:00-11:00
  }

  @Test
  void workBeforeOpening_countsAtTheOpening_withItsHeldTimeAsWaiting() {
    morning();
    List<ClosedInterval> closed = kpis.closedIntervals();
    // 07:00 and 08:00 had no open time: not reported as intervals with no service
    assertThat(closed).extracting(ClosedInterval::start).containsExactly(at("09:00"), at("10:00"));

    IntervalKpis nine = closed.get(0).get(Dimension.QUEUE, "support").orElseThrow();
    assertThat(nine.offered()).isEqualTo(2);
    assertThat(nine.offeredAfterHours()).isEqualTo(2);
    assertThat(nine.held()).isEqualTo(2);
    assertThat(nine.answered()).isEqualTo(1);
    // c1 waited from 07:30, held all the while: the wait runs from arrival, held part shown apart
    assertThat(nine.speedOfAnswer()).isEqualTo(Duration.ofMinutes(90));
    assertThat(nine.heldTime()).isEqualTo(Duration.ofMinutes(90 + 30));
    assertThat(nine.abandoned()).isEqualTo(1);
    assertThat(nine.abandonWait()).isEqualTo(Duration.ofMinutes(30));
    assertThat(nine.serviceLevel()).hasValue(0.0);
    assertThat(nine.openTime()).isEqualTo(Duration.ofHours(1));
    assertThat(nine.offeredPerOpenHour()).hasValue(0.0);

    IntervalKpis ten = closed.get(1).get(Dimension.QUEUE, "support").orElseThrow();
    assertThat(ten.offered()).isEqualTo(1);
    assertThat(ten.offeredAfterHours()).isZero();
    assertThat(ten.held()).isZero();
    assertThat(ten.speedOfAnswer()).isZero();
    assertThat(ten.offeredPerOpenHour()).hasValue(1.0);

    // ann was available from 07:00, but only open time is staffed time
    IntervalKpis all = closed.get(0).get(Dimension.ALL, Dimension.ALL_KEY).orElseThrow();
    assertThat(all.staffedTime()).isEqualTo(Duration.ofHours(1));
    assertThat(all.busyTime()).isEqualTo(Duration.ofMinutes(30));
    IntervalKpis today = kpis.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow();
    assertThat(today.openTime()).isEqualTo(Duration.ofHours(8));
    assertThat(today.staffedTime()).isEqualTo(Duration.ofHours(2));
    assertThat(today.offered()).isEqualTo(4);
  }

  @Test
  void theNightAndTheWeekend_areNotReported_andWhatHappensThenCountsAtTheNextOpening() {
    morning();
    to(at("16:30")).engine.complete("ann", "c4", Outcome.RESOLVED);
    to(at(4, "18:00")).chat("late");                           // Friday evening: held
    to(at(4, "20:00")).chat("friday");                         // held
    to(at(7, "09:30"));                                        // Monday: "late" to ann at 09:00
    engine.complete("ann", "late", Outcome.RESOLVED);          // "friday" to ann at 09:30
    engine.drain();
    to(at(7, "10:05")).chat("next");

    for (ClosedInterval c : kpis.closedIntervals()) {
      assertThat(OFFICE.openTimeBetween(c.start(), c.end())).as("interval %s", c.start())
          .isPositive();
    }
    assertThat(kpis.closedIntervals()).extracting(ClosedInterval::start)
        .contains(at(0, "16:00"), at(7, "09:00")).doesNotContain(at(0, "17:00"), at(5, "10:00"));
    IntervalKpis opening = kpis.closedIntervals().stream()
        .filter(c -> c.start().equals(at(7, "09:00"))).findFirst().orElseThrow()
        .get(Dimension.QUEUE, "support").orElseThrow();
    assertThat(opening.offeredAfterHours()).isEqualTo(2);
    assertThat(opening.held()).isEqualTo(2);
    // "late" waited from Friday 18:00 to Monday 09:00, "friday" until 09:30: held until 09:00,
    // then queued while ann had "late"
    assertThat(opening.answered()).isEqualTo(2);
    assertThat(opening.speedOfAnswer()).isEqualTo(Duration.between(at(4, "18:00"), at(7, "09:00"))
        .plus(Duration.between(at(4, "20:00"), at(7, "09:30"))));
    assertThat(opening.heldTime()).isEqualTo(opening.speedOfAnswer().minusMinutes(30));
    // ann stayed available all weekend: only open time counts as staffed
    IntervalKpis all = kpis.intervals(Dimension.ALL, Dimension.ALL_KEY).stream()
        .filter(k -> k.start().equals(at(7, "09:00"))).findFirst().orElseThrow();
    assertThat(all.staffedTime()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void withoutACalendar_theEarlyIntervalsAreReported_andStaffedAroundTheClock() {
    LiveKpis plain = LiveKpis.builder().interval(Duration.ofHours(1)).build();
    engine.close();
    ManualSwitchboard e = Switchboard.builder().clock(clock)
        .queue("support", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())))
        .calendar(OFFICE).queueHours("support", "office", AfterHours.hold())
        .autoAccept(Channel.CHAT).listener(plain).buildManual();
    e.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build());
    e.setPresence("ann", Presence.AVAILABLE);
    e.drain();
    clock.set(at("09:30"));
    e.submit(WorkItem.builder("x", Channel.CHAT).customer("k").queue("support").build());
    e.drain();
    e.close();
    assertThat(plain.closedIntervals()).extracting(ClosedInterval::start)
        .containsExactly(at("07:00"), at("08:00"));
    assertThat(plain.closedIntervals().get(0).get(Dimension.ALL, Dimension.ALL_KEY).orElseThrow()
        .staffedTime()).isEqualTo(Duration.ofHours(1));
    assertThat(plain.calendar()).isEmpty();
  }

  @Test
  void aSecondCalendar_isRefused() {
    assertThatThrownBy(() -> LiveKpis.builder().calendar(OFFICE).calendar(OFFICE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("calendar is already set to office");
  }
}
