package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The models published centres use: trunk lines, a waiting-room limit, retrials, end of day,
 * balking, daily busyness, random group selection and the outbound dialer. Each test checks what
 * the model promises against the engine's own events, and that every counted arrival ends in
 * exactly one outcome.
 */
class SimulationModelsTest {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  /** Every event of a single-threaded run, in order. */
  private static final class Recorder implements SimulationObserver {
    final List<RoutingEvent> events = new ArrayList<>();

    @Override
    public void onEvent(RoutingEvent event) {
      events.add(event);
    }
  }

  private static Agent voiceAgent(String id, String team) {
    return Agent.builder(id).channel(Channel.VOICE).team(team).skill("talk", 5).build();
  }

  private static ArrivalStream.Builder calls(String name, double perHour) {
    return ArrivalStream.builder(name, Channel.VOICE).requireSkill("talk", 1)
        .ratePerHour(perHour).handleTime(Distribution.exponential(Duration.ofMinutes(5)));
  }

  private static Simulation.Builder centre(int agents) {
    Simulation.Builder b = Simulation.builder().engine(e -> e.skills("talk"))
        .horizon(Duration.ofHours(3)).replications(4).seed(5);
    for (int i = 1; i <= agents; i++) {
      b.agent(voiceAgent("a" + i, "t"));
    }
    return b;
  }

  /** Every counted arrival ends in exactly one outcome, per stream and overall. */
  private static void assertConserved(SimulationReport report) {
    List<Outcomes> all = new ArrayList<>(report.outcomesByStream().values());
    all.add(report.outcomes());
    for (Outcomes o : all) {
      double ends = o.served().mean() + o.abandoned().mean() + o.balked().mean()
          + o.blocked().mean() + o.disconnected().mean() + o.unanswered().mean();
      assertThat(ends).as("%s", o).isCloseTo(o.arrivals().mean(), within(1e-9));
      assertThat(o.retrials().mean()).isLessThanOrEqualTo(o.arrivals().mean());
      assertThat(o.inTarget().mean()).isLessThanOrEqualTo(o.served().mean());
    }
  }

  @Test
  void uniformAndGamma_haveTheirMeansAndSpread() {
    SplittableRandom random = new SplittableRandom(3);
    Distribution uniform = Distribution.uniform(Duration.ofMinutes(3), Duration.ofMinutes(7));
    Distribution gamma = Distribution.gamma(0.755, Duration.ofSeconds(569));
    double[] u = new double[200_000];
    double[] g = new double[200_000];
    for (int i = 0; i < u.length; i++) {
      u[i] = uniform.sampleSeconds(random);
      g[i] = gamma.sampleSeconds(random);
    }
    assertThat(java.util.Arrays.stream(u).min().orElseThrow()).isGreaterThanOrEqualTo(180);
    assertThat(java.util.Arrays.stream(u).max().orElseThrow()).isLessThan(420);
    assertThat(mean(u)).isCloseTo(300, within(1.0));
    assertThat(uniform.meanSeconds()).isEqualTo(300);
    assertThat(mean(g)).isCloseTo(569, within(569 * 0.01));
    // variance of a gamma is shape * scale^2 = mean^2 / shape
    assertThat(variance(g)).isCloseTo(569.0 * 569 / 0.755, within(569.0 * 569 / 0.755 * 0.03));
    Distribution peaked = Distribution.gamma(29.7, Duration.ofSeconds(1));
    double[] p = new double[100_000];
    for (int i = 0; i < p.length; i++) {
      p[i] = peaked.sampleSeconds(random);
    }
    assertThat(variance(p)).isCloseTo(1 / 29.7, within(0.002));
  }

  @Test
  void badDistributionParameters_areRefusedByName() {
    assertThatThrownBy(() -> Distribution.uniform(Duration.ofSeconds(5), Duration.ofSeconds(4)))
        .hasMessage("max is 4.0 seconds; it must be at least min, 5.0");
    assertThatThrownBy(() -> Distribution.gamma(0, Duration.ofSeconds(5)))
        .hasMessage("shape is 0.0; allowed: 0.001 to 1000");
    assertThatThrownBy(() -> Distribution.gamma(2, Duration.ZERO))
        .hasMessage("mean is PT0S; it must be positive");
    assertThatThrownBy(() -> Simulation.builder().dailyBusyness(-1))
        .hasMessage("busyness gamma shape is -1.0; allowed: 0.001 to 1000");
  }

  @Test
  void trunks_blockCallsBeyondTheLines_andNeverHoldMore() {
    Recorder rec = new Recorder();
    SimulationReport report = centre(1).stream(calls("c", 40).build()).trunks(3)
        .replications(1).observer(rec).build().run();
    assertThat(mostAtOnce(rec.events,
        e -> e instanceof ItemCompleted || e instanceof ItemAbandoned)).isEqualTo(3);
    assertThat(report.outcomes().blocked().mean()).isGreaterThan(10);
    assertConserved(report);
  }

  @Test
  void maxWaiting_blocksCallsBeyondTheWaitingRoom() {
    Recorder rec = new Recorder();
    SimulationReport report = centre(1).stream(calls("c", 40).build()).maxWaiting(2)
        .replications(1).observer(rec).build().run();
    assertThat(mostAtOnce(rec.events,
        e -> e instanceof ItemAssigned || e instanceof ItemAbandoned)).isEqualTo(2);
    assertThat(report.outcomes().blocked().mean()).isGreaterThan(10);
    assertConserved(report);
  }

  @Test
  void retrials_followAbandonsOnly_afterTheDelay() {
    Recorder rec = new Recorder();
    SimulationReport report = centre(2).stream(calls("c", 40)
        .patience(Distribution.exponential(Duration.ofMinutes(1)))
        .retrials(0.6, Distribution.fixed(Duration.ofMinutes(10))).build())
        .replications(1).observer(rec).build().run();
    Map<String, Instant> abandoned = new HashMap<>();
    int retrials = 0;
    for (RoutingEvent e : rec.events) {
      if (e instanceof ItemAbandoned a) {
        abandoned.put(a.itemId(), a.at());
      } else if (e instanceof ItemSubmitted s
          && s.item().attributes().get("retrialOf") instanceof String of) {
        retrials++;
        assertThat(abandoned).as("a retrial of %s", of).containsKey(of);
        assertThat(Duration.between(abandoned.get(of), s.at())).isEqualTo(Duration.ofMinutes(10));
      }
    }
    long abandons = rec.events.stream().filter(e -> e instanceof ItemAbandoned).count();
    assertThat(retrials).isGreaterThan(10).isLessThan((int) abandons);
    // counted retrials are those that arrived before the horizon
    assertThat(report.outcomes().retrials().mean()).isPositive().isLessThanOrEqualTo(retrials);
    assertConserved(report);
  }

  @Test
  void endOfDay_disconnectsWhatStillWaits_andCallsWhileClosed() {
    Simulation.Builder b = Simulation.builder().engine(e -> e.skills("talk"))
        .horizon(Duration.ofHours(3)).replications(3).seed(2)
        .stream(calls("c", 40).build());
    b.agent(voiceAgent("a1", "t"), Shift.of(Duration.ZERO, Duration.ofHours(2)));
    SimulationReport open = b.build().run();
    assertThat(open.outcomes().unanswered().mean()).isGreaterThan(20);
    assertThat(open.outcomes().disconnected().mean()).isZero();

    Recorder rec = new Recorder();
    SimulationReport closing = b.disconnectAtClose().observer(rec).replications(1).build().run();
    assertThat(closing.outcomes().unanswered().mean()).isZero();
    assertThat(closing.outcomes().disconnected().mean()).isGreaterThan(20);
    Instant close = START.plus(Duration.ofHours(2));
    for (RoutingEvent e : rec.events) {
      if (e instanceof ItemSubmitted s) {
        assertThat(s.at()).as("nothing is let in while closed").isBefore(close);
      }
      if (e instanceof ItemAbandoned a && !a.at().isBefore(close)) {
        assertThat(a.at()).as("disconnected at the close").isEqualTo(close);
      }
    }
    assertConserved(closing);
  }

  @Test
  void balking_leavesOnlyWhenTheCallerWouldWait() {
    SimulationReport always = centre(2).stream(calls("c", 30).balkProbability(1).build())
        .build().run();
    assertThat(always.outcomes().balked().mean()).isGreaterThan(5);
    assertThat(always.overall().averageSpeedOfAnswerSeconds().mean()).isZero();
    SimulationReport never = centre(2).stream(calls("c", 30).build()).build().run();
    assertThat(never.outcomes().balked().mean()).isZero();
    assertThat(never.overall().averageSpeedOfAnswerSeconds().mean()).isPositive();
    assertConserved(always);
  }

  @Test
  void dailyBusyness_spreadsTheDaysArrivals() {
    Simulation.Builder b = centre(40).stream(calls("c", 200).build()).replications(30);
    Estimate plain = b.build().run().outcomes().arrivals();
    Estimate busy = b.dailyBusyness(2).build().run().outcomes().arrivals();
    // Poisson: sd about 24 over 600 expected; gamma(2) busyness: sd about 425
    assertThat(plain.ci95()).isLessThan(20);
    assertThat(busy.ci95()).isGreaterThan(60);
    assertThat(busy.mean()).isCloseTo(600, within(250.0));
  }

  @Test
  void randomGroupSelection_choosesTeamsUniformly_notAgents() {
    SimulationReport byEngine = smallAndBigTeam(false).build().run();
    SimulationReport random = smallAndBigTeam(true).randomGroupSelection().build().run();
    // at this light load nearly every call finds both teams free: half go to the lone agent
    double perHour = 20 / 60.0;
    assertThat(random.teamOccupancy().get("small").mean()).isCloseTo(perHour / 2, within(0.03));
    assertThat(random.teamOccupancy().get("big").mean()).isCloseTo(perHour / 2 / 5, within(0.01));
    assertThat(byEngine.teamOccupancy().get("small").mean()).isCloseTo(perHour / 6, within(0.02));
    assertConserved(random);
  }

  private static Simulation.Builder smallAndBigTeam(boolean ownQueue) {
    Simulation.Builder b = Simulation.builder().engine(e -> e.skills("talk"))
        .horizon(Duration.ofHours(8)).replications(4).seed(9)
        .stream(calls("c", 20).queue(ownQueue ? "c" : "default")
            .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build());
    b.agent(voiceAgent("solo", "small"));
    for (int i = 1; i <= 5; i++) {
      b.agent(voiceAgent("b" + i, "big"));
    }
    return b;
  }

  @Test
  void occupancyPerPeriod_followsTheWork() {
    SimulationReport report = Simulation.builder().engine(e -> e.skills("talk"))
        .horizon(Duration.ofHours(3)).warmUp(Duration.ofMinutes(30)).replications(3).seed(3)
        .agent(voiceAgent("a1", "t")).agent(voiceAgent("a2", "u"))
        .stream(calls("c", 0).ratesPerHour(Duration.ofHours(1), List.of(40.0, 0.0, 0.0))
            .handleTime(Distribution.fixed(Duration.ofSeconds(30))).build())
        .occupancyPeriod(Duration.ofHours(1)).build().run();
    Map<String, Estimate> t = report.teamOccupancyByPeriod().get("t");
    assertThat(t).containsOnlyKeys("00:30-01:00", "01:00-02:00", "02:00-03:00");
    assertThat(t.get("00:30-01:00").mean()).isBetween(0.05, 0.5);
    assertThat(t.get("01:00-02:00").mean()).isLessThan(0.01);
    assertThat(t.get("02:00-03:00").mean()).isZero();
    // the periods together are the whole window: 30 of 150 minutes, then nothing
    assertThat(report.teamOccupancy().get("t").mean())
        .isCloseTo(t.get("00:30-01:00").mean() / 5 + t.get("01:00-02:00").mean() * 2 / 5,
            within(1e-9));
    assertThat(report.toJson()).contains("\"teamOccupancyByPeriod\"", "\"02:00-03:00\": ");
  }

  @Test
  void randomGroupSelection_refusesAQueueTheEngineAlreadyHas() {
    assertThatThrownBy(() -> centre(1).engine(e -> e.skills("talk")
            .queue("c", RoutingPolicy.DEFAULT))
        .stream(calls("c", 1).queue("c").build()).randomGroupSelection().build())
        .hasMessageContaining("queue 'c' is already configured");
  }

  @Test
  void dialer_callsOnlyInItsWindow_andCountsMismatches() {
    Recorder rec = new Recorder();
    Simulation.Builder b = Simulation.builder().engine(e -> e.skills("in", "out")
            .queue("in", RoutingPolicy.DEFAULT).queue("out", RoutingPolicy.DEFAULT))
        .horizon(Duration.ofHours(3)).replications(1).seed(4).observer(rec)
        .stream(ArrivalStream.builder("in", Channel.VOICE).queue("in").requireSkill("in", 1)
            .ratePerHour(30).handleTime(Distribution.exponential(Duration.ofMinutes(4))).build())
        .dialer(Dialer.builder("out", Channel.VOICE, Duration.ofHours(1), Duration.ofHours(2))
            .queue("out").requireSkill("out", 1).minFree(2, 1).callsPerFreeAgent(2)
            .rightPartyProbability(0.3).handleTime(Distribution.exponential(Duration.ofMinutes(3)))
            .patience(Distribution.fixed(Duration.ofSeconds(5))).build());
    for (int i = 1; i <= 3; i++) {
      b.agent(Agent.builder("in" + i).channel(Channel.VOICE).skill("in", 1).team("inbound")
          .build());
      b.agent(Agent.builder("bl" + i).channel(Channel.VOICE).skill("in", 1).skill("out", 1)
          .team("blend").build());
    }
    SimulationReport report = b.build().run();
    Instant from = START.plus(Duration.ofHours(1));
    Instant to = START.plus(Duration.ofHours(2));
    int outbound = 0;
    for (RoutingEvent e : rec.events) {
      if (e instanceof ItemSubmitted s && s.item().id().startsWith("out-")) {
        outbound++;
        assertThat(s.at()).isAfterOrEqualTo(from).isBefore(to);
      }
      if (e instanceof ItemAssigned a && a.itemId().startsWith("out-")) {
        assertThat(a.agentId()).startsWith("bl");
      }
    }
    Outcomes out = report.outcomesByStream().get("out");
    assertThat(outbound).isGreaterThan(20);
    assertThat(out.arrivals().mean()).isEqualTo(outbound);
    assertThat(out.arrivals().mean() / out.tried().mean()).isCloseTo(0.3, within(0.08));
    assertThat(out.served().mean()).isPositive();
    assertThat(report.outcomes().arrivals().mean())
        .isEqualTo(report.outcomesByStream().get("in").arrivals().mean());
    assertConserved(report);
  }

  @Test
  void everyModelTogether_endsEveryCallOnce_andIsReported() {
    SimulationReport one = together().run();
    assertThat(one.toJson()).contains("\"outcomesByStream\"", "\"teamOccupancy\"",
        "\"tried\": ");
    assertThat(one.toHtml("centre")).contains("<h2>Outcomes of calls</h2>", "<td>out</td>");
    assertThat(one.outcomes().retrials().mean()).isPositive();
    assertThat(one.outcomes().balked().mean()).isPositive();
    assertThat(one.outcomes().disconnected().mean()).isPositive();
    assertThat(one.outcomesByStream().get("out").tried().mean()).isPositive();
    assertConserved(one);
  }

  /** A centre using every model at once. */
  static Simulation together() {
    Simulation.Builder b = Simulation.builder().engine(e -> e.skills("in", "out")
            .queue("out", RoutingPolicy.DEFAULT))
        .horizon(Duration.ofHours(30)).warmUp(Duration.ofMinutes(30)).replications(5).seed(8)
        .trunks(12).maxWaiting(6).disconnectAtClose().dailyBusyness(10).randomGroupSelection()
        .occupancyPeriod(Duration.ofHours(5))
        .stream(ArrivalStream.builder("in", Channel.VOICE).queue("in").requireSkill("in", 1)
            .ratesPerHour(Duration.ofHours(1), List.of(0.0, 50.0, 40.0, 60.0, 0.0, 0.0))
            .handleTime(Distribution.uniform(Duration.ofMinutes(2), Duration.ofMinutes(6)))
            .patience(Distribution.gamma(2, Duration.ofMinutes(2))).balkProbability(0.1)
            .retrials(0.5, Distribution.exponential(Duration.ofMinutes(10))).build())
        .dialer(Dialer.builder("out", Channel.VOICE, Duration.ofHours(2), Duration.ofHours(28))
            .queue("out").requireSkill("out", 1).minFree(2, 1).callsPerFreeAgent(2)
            .rightPartyProbabilities(Duration.ofHours(1), List.of(0.2, 0.3, 0.4))
            .handleTime(Distribution.empirical(Duration.ofMinutes(2), Duration.ofMinutes(4)))
            .build());
    for (int day = 0; day < 2; day++) {
      Shift shift = Shift.of(Duration.ofHours(24 * day + 1), Duration.ofHours(24 * day + 4));
      for (int i = 1; i <= 3; i++) {
        b.agent(Agent.builder("in" + i + "-" + day).channel(Channel.VOICE).skill("in", 1)
            .team("inbound").build(), shift);
        b.agent(Agent.builder("bl" + i + "-" + day).channel(Channel.VOICE).skill("in", 1)
            .skill("out", 1).team("blend").build(), shift);
      }
    }
    return b.build();
  }

  /** The most items submitted and not yet through an event that {@code ends} them. */
  private static int mostAtOnce(List<RoutingEvent> events,
      java.util.function.Predicate<RoutingEvent> ends) {
    int now = 0;
    int most = 0;
    for (RoutingEvent e : events) {
      if (e instanceof ItemSubmitted) {
        most = Math.max(most, ++now);
      } else if (ends.test(e)) {
        now--;
      }
    }
    return most;
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  private static double variance(double[] v) {
    double m = mean(v);
    return java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1);
  }
}
