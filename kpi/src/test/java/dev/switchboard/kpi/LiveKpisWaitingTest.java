package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The items waiting in a queue, oldest first, with their own SLA deadlines. */
class LiveKpisWaitingTest {

  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  @Test
  void waiting_listsUnheldItemsOfTheQueueOldestFirst() {
    LiveKpis kpis = LiveKpis.builder().build();
    kpis.onEvent(submitted(1, NINE.plusSeconds(30), "late", "vip", null));
    kpis.onEvent(submitted(2, NINE, "early", "vip", Duration.ofMinutes(5)));
    kpis.onEvent(submitted(3, NINE.plusSeconds(40), "taken", "vip", null));
    kpis.onEvent(submitted(4, NINE.plusSeconds(50), "other", "std", null));
    kpis.onEvent(new RoutingEvent.ItemAssigned(5, NINE.plusSeconds(60), "taken", "ann", true,
        AffinityMatch.NONE, Duration.ZERO));

    assertThat(kpis.waiting("vip")).containsExactly(
        new WaitingItem("early", "vip", NINE, Optional.of(NINE.plus(Duration.ofMinutes(5)))),
        new WaitingItem("late", "vip", NINE.plusSeconds(30), Optional.empty()));
    assertThat(kpis.waiting("std")).extracting(WaitingItem::itemId).containsExactly("other");
    assertThat(kpis.waiting("nobody")).isEmpty();
  }

  private static RoutingEvent submitted(long seq, Instant at, String id, String queue,
      Duration sla) {
    WorkItem.Builder item = WorkItem.builder(id, Channel.CHAT).customer("k").queue(queue)
        .createdAt(at);
    if (sla != null) {
      item.slaTarget(sla);
    }
    return new RoutingEvent.ItemSubmitted(seq, at, item.build());
  }
}
