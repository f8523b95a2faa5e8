package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by the differential test's "no item stranded at an expired step" check, seed
 * 28 before the fix): accepting an item stops its step timer, and removing the agent put the item
 * back at the same step without restarting it, so it waited at that step forever; with a step
 * naming only the removed agent nobody could ever take it.
 */
class AgentRemovalTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();

  @Test
  void removeAgent_holdingAssignedItem_itemMovesPastTheStepItNamed() {
    ManualSwitchboard sb = TestSwitchboards.checked(Switchboard.builder().clock(clock)
        .listener(events::add)
        .queue("vip", RoutingPolicy.of(
            PolicyStep.waitFor(Target.agents("ted"), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.team("blue")))));
    sb.addAgent(Agent.builder("ted").channel(Channel.CHAT).team("blue").build());
    sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).team("blue").build());
    sb.setPresence("ted", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").queue("vip").build());
    sb.accept("ted", "c1");
    sb.drain();
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.removeAgent("ted");
    sb.drain();

    // the step names only ted, who is gone: the item moves on at once rather than waiting 30 s
    assertThat(events).filteredOn(StepEscalated.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((StepEscalated) e).toStep()).isEqualTo(1));
    assertThat(events).last().isInstanceOfSatisfying(ItemOffered.class,
        o -> assertThat(o.agentId()).isEqualTo("ann"));
  }
}
