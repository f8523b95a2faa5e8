package dev.switchboard.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.erlang.ErlangC;
import dev.switchboard.erlang.Load;
import dev.switchboard.insights.PredictedEffect.Method;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The proof: a queue understaffed through a morning, a queue short of a skill while
 * agents without it sit idle. The morning runs on the production engine in the simulator's
 * virtual time, one replication, with the insights listening as a host's would.
 */
class UnderstaffedMorningTest {

  /** Where the simulator's virtual time begins. */
  private static final Instant MORNING = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration THRESHOLD = Duration.ofSeconds(20);
  private static final double TARGET = 0.8;

  /** 120 calls an hour of 3 minutes: 6 erlangs, which Erlang C staffs with 9 agents. */
  private static final ArrivalStream SALES = ArrivalStream.builder("sales", Channel.VOICE)
      .queue("sales").requireSkill("sales", 1).ratePerHour(120)
      .handleTime(Distribution.exponential(Duration.ofMinutes(3))).build();

  private static final UnaryOperator<SwitchboardBuilder> ENGINE = b -> b
      .skills("sales", "billing")
      .queue("sales", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())))
      .queue("billing", RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills())));

  @Test
  void understaffedQueue_getsAnErlangStaffingThatWhatIfAndARerunConfirm() {
    List<Insight> found = morning(SALES, agents(7, "s", "sales"), List.of());

    List<Insight> understaffing = found.stream()
        .filter(i -> i.rule().equals("understaffing") && i.key().equals("sales")).toList();
    assertThat(understaffing).as("7 agents for 6 erlangs miss 80%% in 20 s").hasSizeGreaterThan(8);
    Insight first = understaffing.get(0);
    assertThat(first.start()).as("found in an interval of the morning")
        .isBetween(MORNING, MORNING.plus(Duration.ofMinutes(45)));
    assertThat(Duration.between(first.start(), first.end())).isEqualTo(Duration.ofMinutes(15));

    for (Insight insight : understaffing) {
      Action.StaffAgents staff = (Action.StaffAgents) insight.action().orElseThrow();
      double perHour = insight.evidence("arrivalsPerHour").orElseThrow().value();
      double aht = insight.evidence("averageHandleTimeSeconds").orElseThrow().value();
      int erlang = ErlangC.agentsNeeded(
          Load.of(perHour, Duration.ofNanos(Math.round(aht * 1e9))), THRESHOLD, TARGET);
      assertThat(staff.needed()).as("Erlang C to the agent, on the interval's own figures")
          .isEqualTo(erlang);
      assertThat(staff.staffed()).isEqualTo(7);
      assertThat(perHour).as("measured over 15 minutes").isEqualTo(
          insight.evidence("offered").orElseThrow().value() * 4);
    }
    // Over the morning, the recommendations centre on the true load's 9 agents.
    double meanNeeded = understaffing.stream()
        .mapToInt(i -> ((Action.StaffAgents) i.action().orElseThrow()).needed()).average()
        .orElseThrow();
    assertThat(meanNeeded).isBetween(8.0, 10.5);

    PredictedEffect simulated = understaffing.stream()
        .filter(i -> i.effect("serviceLevel", Method.SIMULATION).isPresent())
        .map(i -> i.effect("serviceLevel", Method.SIMULATION).orElseThrow()).findFirst()
        .orElseThrow();
    assertThat(simulated.predicted().mean()).as("what-if with the recommended staff")
        .isGreaterThanOrEqualTo(TARGET);
    assertThat(simulated.predicted().ci95()).isPositive();
    assertThat(simulated.measured()).isLessThan(TARGET);

    // Applying it for real: the same morning, staffed as recommended, meets the target.
    int recommended = (int) Math.round(meanNeeded);
    Simulation.Builder rerun = Simulation.builder().engine(ENGINE)
        .horizon(Duration.ofHours(4)).serviceLevelThreshold(THRESHOLD).replications(10).seed(7)
        .stream(SALES);
    agents(recommended, "s", "sales").forEach(rerun::agent);
    SimulationReport report = rerun.build().run();
    assertThat(report.byQueue().get("sales").serviceLevel().mean()).isGreaterThan(TARGET);
  }

  @Test
  void skillGap_namesTheIdleAgentsToCrossSkill() {
    ArrivalStream billing = ArrivalStream.builder("billing", Channel.VOICE)
        .queue("billing").requireSkill("billing", 3).ratePerHour(80)
        .handleTime(Distribution.exponential(Duration.ofMinutes(3))).build();
    // 4 erlangs of billing work, 5 agents with billing (Erlang C wants 7), and three idle agents
    // with the channel but only sales work that never comes.
    List<Agent> staff = new ArrayList<>(agents(5, "b", "billing"));
    staff.add(agent("idle-1", "sales"));
    staff.add(agent("idle-2", "sales"));
    staff.add(agent("idle-3", "sales"));

    List<Insight> gaps = morning(billing, staff, List.of()).stream()
        .filter(i -> i.rule().equals("skill-gap")).toList();

    assertThat(gaps).isNotEmpty();
    Insight gap = gaps.get(0);
    Action.CrossSkill action = (Action.CrossSkill) gap.action().orElseThrow();
    assertThat(action.skill()).isEqualTo("billing");
    assertThat(action.level()).isEqualTo(3);
    assertThat(action.agentIds()).isNotEmpty().allMatch(id -> id.startsWith("idle-"));
    PredictedEffect effect = gap.effect("serviceLevel", Method.SIMULATION).orElseThrow();
    assertThat(effect.predicted().mean()).as("cross-skilled, the idle agents lift the level")
        .isGreaterThan(effect.measured());
  }

  @Test
  void affinityWait_costsServiceLevel_andTheRecommendedCapWinsItBack() {
    // 100 calls an hour of 3 minutes from 40 returning customers, 8 agents: plenty, but every
    // customer who has an agent waits up to 3 minutes for them when they are busy.
    ArrivalStream personal = ArrivalStream.builder("personal", Channel.VOICE)
        .queue("personal").requireSkill("sales", 1).ratePerHour(100).customers(40)
        .handleTime(Distribution.exponential(Duration.ofMinutes(3))).build();
    List<Insight> found = morning(personal, agents(8, "p", "sales"),
        affinityEngine(Duration.ofMinutes(3)), List.of());

    List<Insight> costs = found.stream().filter(i -> i.rule().equals("affinity-cost")).toList();
    assertThat(costs).as("waiting 3 minutes for a busy agent costs the 20 s target").isNotEmpty();
    Insight cost = costs.get(0);
    assertThat(cost.evidence("costPoints").orElseThrow().value()).isGreaterThan(0.02);
    Action.SetAffinityWait cap = (Action.SetAffinityWait) cost.action().orElseThrow();
    assertThat(cap.cap()).isLessThan(Duration.ofMinutes(3));
    PredictedEffect replayed = cost.effect("serviceLevel", Method.REPLAY).orElseThrow();
    assertThat(replayed.predicted().mean()).isGreaterThan(replayed.measured());

    // Applying the median recommended cap for real: better service, affinity mostly kept.
    Duration median = costs.stream().map(i -> ((Action.SetAffinityWait) i.action()
        .orElseThrow()).cap()).sorted().toList().get(costs.size() / 2);
    SimulationReport before = rerun(personal, affinityEngine(Duration.ofMinutes(3)));
    SimulationReport after = rerun(personal, affinityEngine(median));
    assertThat(after.byQueue().get("personal").serviceLevel().mean())
        .isGreaterThan(before.byQueue().get("personal").serviceLevel().mean());
    assertThat(after.affinityHitRate().mean())
        .isGreaterThan(before.affinityHitRate().mean() * 0.5);
  }

  /** The personal queue: the customer's own agent for up to {@code wait}, then anyone. */
  private static UnaryOperator<SwitchboardBuilder> affinityEngine(Duration wait) {
    return b -> ENGINE.apply(b)
        .affinity(AffinityOptions.builder().learnOwnerAfter(1).build())
        .queue("personal", RoutingPolicy.of(PolicyStep.waitFor(Target.ownAgent(), wait),
            PolicyStep.untilAnswered(Target.requiredSkills())));
  }

  private static SimulationReport rerun(ArrivalStream stream,
      UnaryOperator<SwitchboardBuilder> engine) {
    Simulation.Builder sim = Simulation.builder().engine(engine)
        .horizon(Duration.ofHours(4)).serviceLevelThreshold(THRESHOLD).replications(5).seed(11)
        .stream(stream);
    agents(8, "p", "sales").forEach(sim::agent);
    return sim.build().run();
  }

  /** Runs a 4-hour morning of one stream on the engine and returns every insight found. */
  private static List<Insight> morning(ArrivalStream stream, List<Agent> agents,
      List<InsightRule> extraRules) {
    return morning(stream, agents, ENGINE, extraRules);
  }

  /** Runs a 4-hour morning of one stream on that engine and returns every insight found. */
  private static List<Insight> morning(ArrivalStream stream, List<Agent> agents,
      UnaryOperator<SwitchboardBuilder> engine, List<InsightRule> extraRules) {
    LiveKpis kpis = LiveKpis.builder().interval(Duration.ofMinutes(15))
        .defaultServiceTarget(THRESHOLD, TARGET).build();
    Insights.Builder builder = Insights.builder(kpis)
        .whatIf(WhatIf.builder(engine).replications(20).build());
    extraRules.forEach(builder::rule);
    Insights insights = builder.build();
    AtomicBoolean listening = new AtomicBoolean();
    Simulation.Builder sim = Simulation.builder()
        .engine(b -> engine.apply(b).listener(e -> {
          if (listening.get()) {
            insights.onEvent(e);
          }
        }))
        .horizon(Duration.ofHours(4)).serviceLevelThreshold(THRESHOLD).replications(1).seed(3)
        .stream(stream);
    agents.forEach(sim::agent);
    Simulation built = sim.build();   // its check runs a scratch engine: not part of the morning
    listening.set(true);
    built.run();
    return insights.history();
  }

  private static List<Agent> agents(int n, String prefix, String skill) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(i -> agent(prefix + i, skill)).toList();
  }

  private static Agent agent(String id, String skill) {
    return Agent.builder(id).skill(skill, 5).channel(Channel.VOICE).build();
  }
}
