package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AgentRemoved;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Removing an agent routes its offered and assigned work again and ends its wrap-ups. */
class RemoveAgentTest {

  private final Fixture f = Fixture.of(b -> b.wrapUp(Channel.CHAT, Duration.ofSeconds(60)));

  @Test
  void removeAgent_reroutesOfferedAndAssignedItems_andEndsWrapUps() {
    f.addAvailable(chatAgent("ann", 3));
    f.submit(chat("wrap"));
    f.accept("ann", "wrap");
    f.complete("ann", "wrap");
    f.submit(chat("assigned"));
    f.accept("ann", "assigned");
    f.submit(chat("offered"));
    f.addAvailable(chatAgent("bob", 3));
    int mark = f.mark();
    f.ok(f.sb.removeAgent("ann"));
    assertThat(f.eventsSince(mark, AgentRemoved.class)).singleElement()
        .satisfies(r -> assertThat(r.agentId()).isEqualTo("ann"));
    assertThat(f.eventsSince(mark, ItemCompleted.class)).singleElement()
        .satisfies(c -> assertThat(c.itemId()).isEqualTo("wrap"));
    assertThat(f.eventsSince(mark, ItemReleased.class))
        .extracting(ItemReleased::itemId, ItemReleased::from)
        .containsExactlyInAnyOrder(
            tuple("assigned", ItemState.ASSIGNED),
            tuple("offered", ItemState.OFFERED));
    assertThat(f.holder("assigned")).contains("bob");
    assertThat(f.holder("offered")).contains("bob");
    assertThat(f.state("assigned")).as("a re-routed item is offered afresh")
        .isEqualTo(ItemState.OFFERED);
    assertThat(f.snapshot().agent("ann")).isEmpty();
    f.advance(Duration.ofMinutes(2));
    assertThat(f.events(ItemCompleted.class)).as("the wrap-up timer is gone").hasSize(1);
  }

  @Test
  void removeAgent_withNobodyElse_queuesItsWork() {
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.ok(f.sb.removeAgent("ann"));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    assertThat(f.holder("e1")).isEmpty();
  }

  @Test
  void removeAgent_releasesItemsTransferredToIt_backToTheirPolicy() {
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 2));
    f.submit(chat("busy"));
    f.accept("ann", "busy");
    f.submit(chat("e1"));
    f.ok(f.sb.transfer("e1", TransferTarget.agent("ann")));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    int mark = f.mark();
    f.ok(f.sb.removeAgent("ann"));
    assertThat(f.eventsSince(mark, ItemReleased.class)).extracting(ItemReleased::itemId)
        .contains("e1");
    assertThat(f.holder("e1")).as("back on the default policy, bob is eligible").contains("bob");
  }

  @Test
  void removedAgentId_canBeAddedAgain() {
    f.addAvailable(chatAgent("ann"));
    f.ok(f.sb.removeAgent("ann"));
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("e1"));
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void agentRemoved_isReportedAfterTheAgentsWorkWasReleased() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"), chatAgent("bob"));
    f.submit(chat("c1"));
    int mark = f.mark();
    f.ok(f.sb.removeAgent("ann"));
    List<RoutingEvent> since = f.events.subList(mark, f.events.size());
    assertThat(since).last().isInstanceOf(AgentRemoved.class);
    assertThat(since).anySatisfy(e -> assertThat(e).isInstanceOf(RoutingEvent.ItemReleased.class));
  }
}
