package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingScenarioTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();

  private ManualSwitchboard engine(SwitchboardBuilder b) {
    return TestSwitchboards.checked(b.clock(clock).listener(events::add));
  }

  private static void ok(java.util.concurrent.CompletionStage<?> s) {
    s.toCompletableFuture().join();
  }

  @Test
  void submit_withFreeSkilledAgent_isOfferedThenAssigned() {
    ManualSwitchboard sb = engine(Switchboard.builder().skills("billing"));
    sb.addAgent(Agent.builder("ted").skill("billing", 5).channel(Channel.EMAIL).build());
    sb.setPresence("ted", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("e1", Channel.EMAIL).customer("c1").requireSkill("billing", 3).build());
    sb.drain();
    assertThat(events).filteredOn(e -> e instanceof ItemOffered)
        .singleElement().extracting(e -> ((ItemOffered) e).agentId()).isEqualTo("ted");
    var accepted = sb.accept("ted", "e1");
    sb.drain();
    ok(accepted);
    assertThat(events).last().isInstanceOf(ItemAssigned.class);
  }

  @Test
  void policyStep_timesOut_andWidensToTeam() {
    ManualSwitchboard sb = engine(Switchboard.builder().skills("billing")
        .queue("vip", RoutingPolicy.of(
            PolicyStep.waitFor(Target.agents("ted"), Duration.ofSeconds(30)),
            PolicyStep.untilAnswered(Target.team("blue")).withPriorityBoost(10))));
    sb.addAgent(Agent.builder("ted").channel(Channel.CHAT).team("blue").build());
    sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).team("blue").build());
    sb.setPresence("ted", Presence.away("lunch"));
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").queue("vip").build());
    sb.drain();
    assertThat(events).filteredOn(e -> e instanceof ItemQueued).hasSize(1);
    clock.advance(Duration.ofSeconds(30));
    sb.drain();
    assertThat(events).filteredOn(e -> e instanceof StepEscalated).singleElement()
        .satisfies(e -> assertThat(((StepEscalated) e).priority()).isEqualTo(10));
    assertThat(events).last().isInstanceOfSatisfying(ItemOffered.class,
        o -> assertThat(o.agentId()).isEqualTo("ann"));
  }
}
