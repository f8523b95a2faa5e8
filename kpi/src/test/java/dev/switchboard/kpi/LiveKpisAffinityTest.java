package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Affinity per interval, queue and agent, from what {@code ItemAssigned} says. */
class LiveKpisAffinityTest {

  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  private long sequence;

  @Test
  void hitsAndTheWaitAffinityAdded_countPerQueueAndAgent() {
    LiveKpis kpis = LiveKpis.builder().build();
    kpis.onEvent(new RoutingEvent.AgentAdded(++sequence, NINE,
        Agent.builder("ted").channel(Channel.CHAT).build()));
    submit(kpis, "own", 0);
    submit(kpis, "recent", 1);
    submit(kpis, "stranger", 2);
    assign(kpis, "own", 10, AffinityMatch.OWNER, Duration.ofSeconds(10));
    assign(kpis, "recent", 61, AffinityMatch.RECENT_AGENT, Duration.ofSeconds(60));
    assign(kpis, "stranger", 122, AffinityMatch.NONE, Duration.ofSeconds(90));

    IntervalKpis queue = kpis.today(Dimension.QUEUE, "vip").orElseThrow();
    assertThat(queue.ownAgentAnswers()).isEqualTo(1);
    assertThat(queue.recentAgentAnswers()).isEqualTo(1);
    assertThat(queue.affinityHitRate().getAsDouble()).isEqualTo(2.0 / 3);
    assertThat(queue.affinityWait()).isEqualTo(Duration.ofSeconds(10 + 60 + 90));
    assertThat(queue.averageAffinityWait()).contains(Duration.ofSeconds(160).dividedBy(3));
    assertThat(kpis.today(Dimension.AGENT, "ted").orElseThrow().affinityHitRate().getAsDouble())
        .isEqualTo(2.0 / 3);
    assertThat(queue.estimatedPatience()).as("nobody abandoned").isEmpty();
  }

  private void submit(LiveKpis kpis, String id, int second) {
    Instant at = NINE.plusSeconds(second);
    kpis.onEvent(new RoutingEvent.ItemSubmitted(++sequence, at, WorkItem.builder(id, Channel.CHAT)
        .customer("c-" + id).queue("vip").createdAt(at).build()));
  }

  private void assign(LiveKpis kpis, String id, int second, AffinityMatch match, Duration wait) {
    kpis.onEvent(new RoutingEvent.ItemAssigned(++sequence, NINE.plusSeconds(second), id, "ted",
        false, match, wait));
  }
}
