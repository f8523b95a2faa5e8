package dev.switchboard.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.LiveKpis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How insights hear events, run rules when an interval closes, and answer queries. */
class InsightsTest {

  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  private long sequence;

  /** A host rule that reports what its context held. */
  private static final class Recording implements InsightRule {
    final List<InsightContext> seen = new ArrayList<>();

    @Override
    public String name() {
      return "recording";
    }

    @Override
    public List<Insight> evaluate(InsightContext context) {
      seen.add(context);
      return List.of(new Insight(name(), Dimension.ALL, "all", context.interval().start(),
          context.interval().end(), context.work().size() + " kinds of work", List.of(),
          Optional.of(new Action.Custom("nothing")), List.of()));
    }
  }

  @Test
  void aHostRule_runsOnceWhenAnIntervalCloses_withThatIntervalsWorkAndAgents() {
    Recording rule = new Recording();
    List<Insight> heard = new ArrayList<>();
    Insights insights = Insights.builder(kpis()).withoutBuiltInRules().rule(rule)
        .listener(heard::add).build();

    insights.onEvent(agent(NINE, "ann", "billing"));
    insights.onEvent(available(NINE, "ann"));
    insights.onEvent(submitted(NINE.plusSeconds(60), "m1", "vip", "billing"));
    insights.onEvent(submitted(NINE.plusSeconds(120), "m2", "vip", "billing"));
    insights.onEvent(submitted(NINE.plusSeconds(180), "m3", "std", "tech"));
    assertThat(rule.seen).as("the interval is still open").isEmpty();

    insights.onEvent(submitted(NINE.plus(Duration.ofMinutes(16)), "m4", "vip", "billing"));

    assertThat(rule.seen).hasSize(1);
    InsightContext context = rule.seen.get(0);
    assertThat(context.interval().start()).isEqualTo(NINE);
    assertThat(context.work()).containsExactlyInAnyOrder(
        new WorkMix("vip", Channel.CHAT, Map.of("billing", 1), 2),
        new WorkMix("std", Channel.CHAT, Map.of("tech", 1), 1));
    assertThat(context.agents()).containsOnlyKeys("ann");
    assertThat(context.presence()).containsEntry("ann", Presence.AVAILABLE);
    assertThat(context.staffed()).extracting(Agent::id).containsExactly("ann");
    assertThat(heard).extracting(Insight::summary).containsExactly("2 kinds of work");
    assertThat(insights.current()).isEqualTo(heard);
  }

  @Test
  void quietIntervals_areSkipped_andTheWorkIsJudgedInTheIntervalItArrivedIn() {
    Recording rule = new Recording();
    Insights insights = Insights.builder(kpis()).withoutBuiltInRules().rule(rule).build();

    insights.onEvent(submitted(NINE.plusSeconds(60), "m1", "vip", "billing"));
    // An hour of silence: three empty intervals close with the one that held m1.
    insights.onEvent(submitted(NINE.plus(Duration.ofMinutes(61)), "m2", "vip", "billing"));

    assertThat(rule.seen).hasSize(1);
    assertThat(rule.seen.get(0).interval().start()).isEqualTo(NINE);
    assertThat(rule.seen.get(0).work()).extracting(WorkMix::items).containsExactly(1L);
  }

  @Test
  void theEnginesOverloadAssessment_becomesAnInsightWithItsMoves() {
    List<Insight> heard = new ArrayList<>();
    Insights insights = Insights.builder(kpis()).listener(heard::add).build();
    OverloadInsight overload = new OverloadInsight("ted", NINE, 12, 4, Duration.ofMinutes(6),
        List.of(new OverloadInsight.AccountMove("cust-1", 2, List.of(
            new OverloadInsight.Candidate("ann", true, 0, 1, 5)))));

    insights.onEvent(new RoutingEvent.OverloadDetected(++sequence, NINE, overload));

    assertThat(heard).hasSize(1);
    Insight insight = heard.get(0);
    assertThat(insight.rule()).isEqualTo("overload");
    assertThat(insight.key()).isEqualTo("ted");
    assertThat(insight.evidence("atRisk").orElseThrow().value()).isEqualTo(4);
    assertThat(insight.action()).contains(new Action.MoveAccounts("ted", overload.accounts()));
    assertThat(insights.current()).containsExactly(insight);
    assertThat(insights.history()).containsExactly(insight);
  }

  @Test
  void aFailingRuleOrListener_doesNotStopTheOthers() {
    Recording rule = new Recording();
    List<Insight> heard = new ArrayList<>();
    InsightRule broken = new InsightRule() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public List<Insight> evaluate(InsightContext context) {
        throw new IllegalStateException("boom");
      }
    };
    Insights insights = Insights.builder(kpis()).withoutBuiltInRules().rule(broken).rule(rule)
        .listener(i -> {
          throw new IllegalStateException("listener boom");
        })
        .listener(heard::add).build();

    insights.onEvent(submitted(NINE, "m1", "vip", "billing"));
    insights.onEvent(submitted(NINE.plus(Duration.ofMinutes(15)), "m2", "vip", "billing"));

    assertThat(rule.seen).hasSize(1);
    assertThat(heard).hasSize(1);
  }

  @Test
  void kpisRegisteredBothDirectlyAndThroughTheInsights_countEachEventOnce() {
    LiveKpis alone = kpis();
    LiveKpis twice = kpis();
    Insights insights = Insights.builder(twice).build();
    List<RoutingEvent> day = List.of(agent(NINE, "ann", "billing"), available(NINE, "ann"),
        submitted(NINE.plusSeconds(5), "m1", "vip", "billing"),
        new RoutingEvent.ItemAssigned(++sequence, NINE.plusSeconds(9), "m1", "ann", true,
            dev.switchboard.affinity.AffinityMatch.NONE, Duration.ZERO),
        submitted(NINE.plusSeconds(20), "m2", "vip", "billing"));
    for (RoutingEvent e : day) {
      alone.onEvent(e);
      twice.onEvent(e);          // as a host that also registered the KPIs would
      insights.onEvent(e);       // which feeds them again
    }
    assertThat(twice.today(Dimension.QUEUE, "vip")).isEqualTo(alone.today(Dimension.QUEUE, "vip"));
    assertThat(twice.today(Dimension.QUEUE, "vip").orElseThrow().offered()).isEqualTo(2);
  }

  @Test
  void historyIsBounded_oldestDroppedFirst() {
    Insights insights = Insights.builder(kpis()).historyKept(2).build();
    for (int i = 0; i < 3; i++) {
      insights.onEvent(new RoutingEvent.OverloadDetected(++sequence, NINE.plusSeconds(i),
          new OverloadInsight("a" + i, NINE, 1, 1, Duration.ofMinutes(1), List.of())));
    }
    assertThat(insights.history()).extracting(Insight::key).containsExactly("a1", "a2");
  }

  @Test
  void badConfiguration_isRefusedNamingTheOption() {
    Insights.Builder builder = Insights.builder(kpis());
    assertThatThrownBy(() -> builder.minimumSample(0)).hasMessageContaining("minimumSample is 0");
    assertThatThrownBy(() -> builder.historyKept(0)).hasMessageContaining("historyKept is 0");
    assertThatThrownBy(() -> builder.rule(new Recording()).rule(new Recording()))
        .hasMessageContaining("'recording' is already added");
    assertThatThrownBy(() -> Insights.builder(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("kpis");
    assertThatThrownBy(() -> WhatIf.builder(b -> b).replications(1))
        .hasMessageContaining("at least 2");
  }

  @Test
  void whatIf_refusesChangesItCannotApply() {
    WhatIf whatIf = WhatIf.builder(b -> b.skills("billing")).replications(2).build();
    Workload empty = new Workload(NINE, Duration.ofMinutes(15), List.of(),
        List.of(Agent.builder("ann").skill("billing", 1).channel(Channel.CHAT).build()),
        Duration.ofSeconds(20));
    assertThatThrownBy(() -> whatIf.predict(empty, List.of()))
        .hasMessageContaining("no arrivals");
    assertThatThrownBy(() -> new Change.AddAgents(0,
        Agent.builder("x").channel(Channel.CHAT).build()))
        .hasMessageContaining("add at least 1");
    assertThatThrownBy(() -> new Change.GiveSkill("ann", "billing", 0))
        .hasMessageContaining("at least 1");
  }

  private static LiveKpis kpis() {
    return LiveKpis.builder().interval(Duration.ofMinutes(15)).build();
  }

  private RoutingEvent agent(Instant at, String id, String skill) {
    return new RoutingEvent.AgentAdded(++sequence, at,
        Agent.builder(id).skill(skill, 3).channel(Channel.CHAT).build());
  }

  private RoutingEvent available(Instant at, String agent) {
    return new RoutingEvent.PresenceChanged(++sequence, at, agent, Presence.OFFLINE,
        Presence.AVAILABLE);
  }

  private RoutingEvent submitted(Instant at, String item, String queue, String skill) {
    return new RoutingEvent.ItemSubmitted(++sequence, at, WorkItem.builder(item, Channel.CHAT)
        .customer("k").queue(queue).requireSkill(skill, 1).createdAt(at).build());
  }
}
