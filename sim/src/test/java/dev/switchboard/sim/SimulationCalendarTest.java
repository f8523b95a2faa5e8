package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Target;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.sla.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Business hours in the simulator: agents who work a calendar's open hours (holidays and daylight
 * saving included), queues that hold work while closed, and the same report for the same seed on
 * any number of threads.
 */
class SimulationCalendarTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** Thursday before the clocks went forward in Paris (Sunday 29 March 2026, 02:00 to 03:00). */
  private static final Instant START = Instant.parse("2026-03-26T00:00:00Z");
  private static final LocalDate EASTER_MONDAY = LocalDate.of(2026, 3, 30);

  private static BusinessCalendar paris() {
    return BusinessCalendar.builder("paris", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-17:00")
        .open(DayOfWeek.SUNDAY, "00:00-06:00")
        .holiday(EASTER_MONDAY)
        .build();
  }

  private static BusinessCalendar daytime() {
    return BusinessCalendar.builder("daytime", ZoneId.of("UTC"))
        .open(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "09:00-17:00").build();
  }

  /** Every event of a single-threaded run, in order, replications marked by their start. */
  private static final class Recorder implements SimulationObserver {
    final List<List<RoutingEvent>> runs = new ArrayList<>();

    @Override
    public void onStart(int replication) {
      runs.add(new ArrayList<>());
    }

    @Override
    public void onEvent(RoutingEvent event) {
      runs.get(runs.size() - 1).add(event);
    }
  }

  private static Agent chatAgent(String id) {
    return Agent.builder(id).capacity(Channel.CHAT, 1).build();
  }

  private static ArrivalStream.Builder chats(double perHour) {
    return ArrivalStream.builder("chat", Channel.CHAT).queue("q").ratePerHour(perHour)
        .handleTime(Distribution.exponential(Duration.ofMinutes(2)));
  }

  private static Simulation.Builder withQueue() {
    return Simulation.builder().engine(e -> e.queue("q",
        RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills()))));
  }

  /** Whether the agent was logged in at each instant, from its presence changes. */
  private static TreeMap<Instant, Boolean> loggedIn(List<RoutingEvent> events, String agent) {
    TreeMap<Instant, Boolean> on = new TreeMap<>();
    on.put(Instant.MIN, false);
    for (RoutingEvent e : events) {
      if (e instanceof PresenceChanged p && p.agentId().equals(agent)) {
        on.put(p.at(), p.to().status() != Presence.Status.OFFLINE);
      }
    }
    return on;
  }

  @Test
  void agentsOnACalendar_areLoggedInExactlyWhileItIsOpen_throughAHolidayAndADstChange() {
    BusinessCalendar paris = paris();
    Shift saturdayEvening = Shift.of(Duration.ofHours(2 * 24 + 18), Duration.ofHours(2 * 24 + 20));
    Recorder seen = new Recorder();
    Duration horizon = Duration.ofDays(6);
    withQueue().start(START).calendar(paris).horizon(horizon).replications(1)
        .agent(chatAgent("only-calendar"), "paris")
        .agent(chatAgent("calendar-and-shift"), "paris", saturdayEvening)
        .stream(chats(2).build()).observer(seen).build().run();
    List<RoutingEvent> events = seen.runs.get(0);
    TreeMap<Instant, Boolean> calendarOnly = loggedIn(events, "only-calendar");
    TreeMap<Instant, Boolean> withShift = loggedIn(events, "calendar-and-shift");
    Instant evening = START.plus(saturdayEvening.start());
    Instant eveningEnd = START.plus(saturdayEvening.end());
    for (Instant t = START; t.isBefore(START.plus(horizon)); t = t.plusSeconds(60)) {
      assertThat(calendarOnly.floorEntry(t).getValue()).as("logged in at %s", t)
          .isEqualTo(paris.isOpen(t));
      boolean inShift = !t.isBefore(evening) && t.isBefore(eveningEnd);
      assertThat(withShift.floorEntry(t).getValue()).as("logged in at %s", t)
          .isEqualTo(paris.isOpen(t) || inShift);
    }
    // each change falls exactly where the calendar opens or closes, to the nanosecond
    calendarOnly.forEach((at, on) -> {
      if (at != Instant.MIN) {
        assertThat(paris.isOpen(at)).as("at %s", at).isEqualTo(on);
        assertThat(paris.isOpen(at.minusNanos(1))).as("just before %s", at).isEqualTo(!on);
      }
    });
    // the Sunday span 00:00-06:00 lasts five hours when the clocks go forward at 02:00
    assertThat(calendarOnly).containsEntry(Instant.parse("2026-03-28T23:00:00Z"), true)
        .containsEntry(Instant.parse("2026-03-29T04:00:00Z"), false);
    // Easter Monday is closed: nobody logs in between Sunday morning and Tuesday 09:00 (07:00Z)
    assertThat(calendarOnly.subMap(Instant.parse("2026-03-29T04:00:01Z"),
        Instant.parse("2026-03-31T07:00:00Z"))).isEmpty();
    assertThat(calendarOnly).containsEntry(Instant.parse("2026-03-31T07:00:00Z"), true);
  }

  @Test
  void aQueueClosedAtNight_holdsArrivalsUntilOpening_andTheWaitsIncludeTheHeldTime() {
    Recorder seen = new Recorder();
    Simulation.Builder b = withQueue().calendar(daytime())
        .queueHours("q", "daytime", AfterHours.hold())
        .horizon(Duration.ofDays(3)).replications(3).seed(7).observer(seen)
        .stream(chats(6).build());
    for (int i = 1; i <= 8; i++) {
      b.agent(chatAgent("a" + i)); // on around the clock: only the queue's hours keep work back
    }
    SimulationReport report = b.build().run();

    double[] asa = new double[seen.runs.size()];
    int held = 0;
    for (int r = 0; r < asa.length; r++) {
      Map<String, Instant> submitted = new HashMap<>();
      double waits = 0;
      int answered = 0;
      for (RoutingEvent e : seen.runs.get(r)) {
        if (e instanceof ItemSubmitted s) {
          submitted.put(s.item().id(), s.at());
        } else if (e instanceof ItemHeld h) {
          held++;
          assertThat(daytime().isOpen(h.at())).isFalse();
          assertThat(h.opensAt()).hasValueSatisfying(o -> assertThat(o.atZone(ZoneId.of("UTC"))
              .getHour()).isEqualTo(9));
        } else if (e instanceof ItemAssigned a) {
          assertThat(daytime().isOpen(a.at())).as("assigned at %s", a.at()).isTrue();
          waits += Duration.between(submitted.get(a.itemId()), a.at()).toNanos() / 1e9;
          answered++;
        }
      }
      asa[r] = waits / answered;
    }
    assertThat(held).isGreaterThan(100);
    // the report's speed of answer is the events' arrival-to-answer wait, held time included
    assertThat(report.overall().averageSpeedOfAnswerSeconds().mean())
        .isCloseTo(Estimate.of(asa).mean(), within(1e-6));
    // two thirds of the arrivals come while closed and wait eight hours on average
    assertThat(report.overall().averageSpeedOfAnswerSeconds().mean())
        .isBetween(4.5 * 3600, 6.2 * 3600);
    assertThat(report.overall().unansweredRate().mean()).isZero();
  }

  @Test
  void withoutQueueHours_theSameCentreAnswersAtOnce() {
    Simulation.Builder b = withQueue().horizon(Duration.ofDays(3)).replications(3).seed(7)
        .stream(chats(6).build());
    for (int i = 1; i <= 8; i++) {
      b.agent(chatAgent("a" + i));
    }
    assertThat(b.build().run().overall().averageSpeedOfAnswerSeconds().mean()).isLessThan(60);
  }

  private static Simulation hoursCentre(long seed) {
    Simulation.Builder b = withQueue().start(START).calendar(paris()).calendar(daytime())
        .queueHours("q", "paris", AfterHours.hold()).horizon(Duration.ofDays(6)).replications(5)
        .seed(seed).stream(chats(8).patience(Distribution.exponential(Duration.ofHours(20)))
            .build());
    for (int i = 1; i <= 3; i++) {
      b.agent(chatAgent("p" + i), "paris");
    }
    b.agent(chatAgent("d1"), "daytime", Shift.of(Duration.ofHours(30), Duration.ofHours(40)));
    return b.build();
  }

  @Test
  void calendars_giveTheSameReportForTheSameSeed_onAnyNumberOfThreads() {
    SimulationReport one = hoursCentre(3).run();
    assertThat(hoursCentre(3).run()).isEqualTo(one);
    for (int threads : new int[] {2, 4}) {
      SimulationReport many = hoursCentre(3).run(threads);
      assertThat(many).as(threads + " threads").isEqualTo(one);
      assertThat(many.toJson()).isEqualTo(one.toJson());
    }
    assertThat(hoursCentre(4).run()).isNotEqualTo(one);
  }

  @Test
  void anUnregisteredCalendar_isRefusedNamingWhoFollowsIt() {
    assertThatThrownBy(() -> Simulation.builder().agent(chatAgent("a"), "nights"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent 'a' follows calendar 'nights', which is not registered");
    assertThatThrownBy(() -> Simulation.builder().calendar(daytime())
        .queueHours("q", "nights", AfterHours.hold()))
        .hasMessageContaining("queue 'q' follows calendar 'nights'")
        .hasMessageContaining("[daytime]");
    assertThatThrownBy(() -> Simulation.builder().calendar(daytime()).calendar(daytime()))
        .hasMessageContaining("calendar 'daytime' is already registered");
    assertThatThrownBy(() -> Simulation.builder().calendar(daytime())
        .queueHours("q", "daytime", AfterHours.hold())
        .queueHours("q", "daytime", AfterHours.hold()))
        .hasMessageContaining("queue 'q' already has hours");
  }

  @Test
  void aStartTheEngineCannotKeep_isRefused() {
    assertThatThrownBy(() -> Simulation.builder().start(Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start is 1969-12-31T23:59:59Z; allowed: 1970-01-01T00:00:00Z to");
    assertThatThrownBy(() -> Simulation.builder().start(Instant.parse("2262-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Arrivals around the clock, held at night, answered at once when open; a 30-minute SLA. */
  private static double breachRate(boolean onBusinessTime) {
    SlaPolicy.Builder sla = SlaPolicy.builder("chat").channel(Channel.CHAT)
        .firstResponse(Duration.ofMinutes(30));
    if (onBusinessTime) {
      sla.calendar(daytime());
    }
    SlaPolicy policy = sla.build();
    Simulation.Builder b = Simulation.builder().calendar(daytime())
        .engine(e -> e.queue("q", RoutingPolicy.of(PolicyStep.untilAnswered(
            Target.requiredSkills()))).slaPolicy(policy))
        .queueHours("q", "daytime", AfterHours.hold())
        .horizon(Duration.ofDays(2)).replications(2).seed(5).stream(chats(6).build());
    for (int i = 1; i <= 8; i++) {
      b.agent(chatAgent("a" + i));
    }
    return b.build().run().overall().slaBreachRate().mean();
  }

  @Test
  void anSlaOnTheCalendar_doesNotBreachOvernight_onPlainTimeItDoes() {
    // answered within minutes of opening: 30 business minutes are not used up overnight
    assertThat(breachRate(true)).isLessThan(0.02);
    // on plain time, the two thirds of the arrivals held overnight breach
    assertThat(breachRate(false)).isBetween(0.55, 0.75);
  }

  @Test
  void queueHoursForAQueueTheEngineLacks_failAtBuild() {
    assertThatThrownBy(() -> Simulation.builder().calendar(daytime())
        .queueHours("nowhere", "daytime", AfterHours.hold()).horizon(Duration.ofHours(1))
        .agent(chatAgent("a")).stream(chats(1).build()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nowhere");
  }
}
