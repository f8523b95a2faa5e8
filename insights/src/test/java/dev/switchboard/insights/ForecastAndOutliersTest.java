package dev.switchboard.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.insights.PredictedEffect.Method;
import dev.switchboard.kpi.LiveKpis;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The late-answers forecast and the outlier tests, on events written by hand. */
class ForecastAndOutliersTest {

  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  private final List<RoutingEvent> events = new ArrayList<>();
  private long sequence;

  @ParameterizedTest(name = "{0} chat(s) at once")
  @CsvSource({"1, 15", "3, 5"})
  void lateAnswers_forecastsWhoWillMissTheirDeadline_andHowManyAgentsWouldNot(int capacity,
      int expectedAgents) {
    // One agent, busy from 09:00 with a 5-minute item; the queue answers in 120 s.
    events.add(new RoutingEvent.AgentAdded(++sequence, NINE,
        Agent.builder("ann").capacity(Channel.CHAT, capacity).build()));
    events.add(new RoutingEvent.PresenceChanged(++sequence, NINE, "ann", Presence.OFFLINE,
        Presence.AVAILABLE));
    submit(NINE, "first", "vip");
    assign(NINE, "first", "ann");
    complete(NINE.plusSeconds(300), "first", "ann", Outcome.RESOLVED);
    submit(NINE.plusSeconds(300), "busy", "vip");
    assign(NINE.plusSeconds(300), "busy", "ann");
    for (int i = 0; i < 5; i++) {                 // 09:14:00 to 09:14:40, every 10 s
      submit(NINE.plus(Duration.ofMinutes(14)).plusSeconds(10L * i), "w" + i, "vip");
    }
    submit(NINE.plus(Duration.ofMinutes(15)).plusSeconds(1), "next", "other");

    List<Insight> found = run(LiveKpis.builder()
        .serviceTarget("vip", Duration.ofSeconds(120), 0.8).build());

    Insight late = found.stream().filter(i -> i.rule().equals("late-answers")).findFirst()
        .orElseThrow();
    assertThat(late.key()).isEqualTo("vip");
    assertThat(late.start()).isEqualTo(NINE.plus(Duration.ofMinutes(15)));
    // Deadlines 09:16:00 + 10 s k, i.e. 60 + 10 k seconds after 09:15; the k-th item starts
    // (k + 1) * 300 s / servers after 09:15, an agent being as many servers as chats it holds
    // at once. With 1 agent all 5 are late (3 servers: k = 0 starts at 100 s > 60 s); every
    // one starts in time once k = 4 has 1500 / servers <= 100: 15 servers, 15 or 5 agents.
    assertThat(late.evidence("predictedLate").orElseThrow().value()).isEqualTo(5);
    assertThat(late.evidence("waiting").orElseThrow().value()).isEqualTo(5);
    assertThat(late.evidence("itemsPerAgent").orElseThrow().value()).isEqualTo(capacity);
    Action.StaffAgents staff = (Action.StaffAgents) late.action().orElseThrow();
    assertThat(staff.staffed()).isEqualTo(1);
    assertThat(staff.needed()).isEqualTo(expectedAgents);
    PredictedEffect effect = late.effect("predictedLate", Method.FLUID).orElseThrow();
    assertThat(effect.measured()).isEqualTo(5);
    assertThat(effect.predicted().mean()).isZero();
  }

  @Test
  void outliers_flagTheAgentWhoseHandleTimeStandsOut_butNotOnASmallSample() {
    Instant t = NINE;
    for (String id : List.of("ann", "bob", "cat", "dan", "eve")) {
      agent(t, id, Channel.CHAT);
    }
    // ann, bob and cat handle 30 calls of 200 s; dan 30 of 600 s; eve 5 of 900 s, too few.
    int n = 0;
    for (String id : List.of("ann", "bob", "cat", "dan", "eve")) {
      int calls = id.equals("eve") ? 5 : 30;
      long seconds = switch (id) {
        case "dan" -> 600;
        case "eve" -> 900;
        default -> 200;
      };
      Instant at = t;
      for (int i = 0; i < calls; i++) {
        String item = id + "-" + (++n);
        submit(at, item, "sales");
        assign(at, item, id);
        at = at.plusSeconds(seconds);
        complete(at, item, id, Outcome.RESOLVED);
      }
    }
    submit(NINE.plus(Duration.ofDays(1)), "tomorrow", "sales");

    List<Insight> found = run(LiveKpis.builder().interval(Duration.ofDays(1)).build());

    List<Insight> outliers = found.stream().filter(i -> i.rule().equals("outliers")).toList();
    assertThat(outliers).extracting(Insight::key).containsExactly("dan");
    Insight dan = outliers.get(0);
    assertThat(dan.action()).hasValueSatisfying(a -> assertThat(a)
        .isEqualTo(new Action.Review("dan", "averageHandleTime",
            ((Action.Review) a).finding())));
    assertThat(dan.evidence("averageHandleTimeSeconds").orElseThrow().value()).isEqualTo(600);
    assertThat(dan.evidence("peersAverageHandleTimeSeconds").orElseThrow().value())
        .isEqualTo(200);
    assertThat(dan.evidence("pValue").orElseThrow().value())
        .isLessThan(dan.evidence("threshold").orElseThrow().value());
  }

  @Test
  void outliers_stayQuiet_whenAgentsDifferByChanceOnly() {
    // Four agents whose means differ by 10%: within what chance explains on 30 items each.
    long[] seconds = {190, 200, 210, 205};
    String[] ids = {"ann", "bob", "cat", "dan"};
    for (int a = 0; a < ids.length; a++) {
      agent(NINE, ids[a], Channel.CHAT);
      Instant at = NINE;
      for (int i = 0; i < 30; i++) {
        String item = ids[a] + "-" + i;
        submit(at, item, "sales");
        assign(at, item, ids[a]);
        at = at.plusSeconds(seconds[a]);
        complete(at, item, ids[a], Outcome.RESOLVED);
      }
    }
    submit(NINE.plus(Duration.ofDays(1)), "tomorrow", "sales");

    List<Insight> found = run(LiveKpis.builder().interval(Duration.ofDays(1)).build());

    assertThat(found).noneMatch(i -> i.rule().equals("outliers"));
  }

  /**
   * Feeds the events in time order (stable), numbered in that order as the engine numbers them,
   * and returns every insight found.
   */
  private List<Insight> run(LiveKpis kpis) {
    Insights insights = Insights.builder(kpis).minimumSample(20).build();
    List<RoutingEvent> inOrder = events.stream().sorted(Comparator.comparing(RoutingEvent::at))
        .toList();
    for (int i = 0; i < inOrder.size(); i++) {
      insights.onEvent(renumbered(inOrder.get(i), i + 1));
    }
    return insights.history();
  }

  private static RoutingEvent renumbered(RoutingEvent e, long sequence) {
    if (e instanceof RoutingEvent.AgentAdded a) {
      return new RoutingEvent.AgentAdded(sequence, a.at(), a.agent());
    } else if (e instanceof RoutingEvent.PresenceChanged p) {
      return new RoutingEvent.PresenceChanged(sequence, p.at(), p.agentId(), p.from(), p.to());
    } else if (e instanceof RoutingEvent.ItemSubmitted s) {
      return new RoutingEvent.ItemSubmitted(sequence, s.at(), s.item());
    } else if (e instanceof RoutingEvent.ItemAssigned a) {
      return new RoutingEvent.ItemAssigned(sequence, a.at(), a.itemId(), a.agentId(),
          a.autoAccepted(), a.affinity(), a.affinityWait());
    } else if (e instanceof RoutingEvent.ItemCompleted c) {
      return new RoutingEvent.ItemCompleted(sequence, c.at(), c.itemId(), c.agentId(),
          c.outcome());
    }
    throw new IllegalArgumentException("not an event this test writes: " + e);
  }

  private void agent(Instant at, String id, Channel channel) {
    events.add(new RoutingEvent.AgentAdded(++sequence, at,
        Agent.builder(id).channel(channel).build()));
    events.add(new RoutingEvent.PresenceChanged(++sequence, at, id, Presence.OFFLINE,
        Presence.AVAILABLE));
  }

  private void submit(Instant at, String id, String queue) {
    events.add(new RoutingEvent.ItemSubmitted(++sequence, at, WorkItem.builder(id, Channel.CHAT)
        .customer("k-" + id).queue(queue).createdAt(at).build()));
  }

  private void assign(Instant at, String id, String agent) {
    events.add(new RoutingEvent.ItemAssigned(++sequence, at, id, agent, true,
        AffinityMatch.NONE, Duration.ZERO));
  }

  private void complete(Instant at, String id, String agent, Outcome outcome) {
    events.add(new RoutingEvent.ItemCompleted(++sequence, at, id, agent, outcome));
  }
}
