package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Transfers send an item to another queue, to one agent, or to the next step. */
class TransferTest {

  private final Fixture f = Fixture.of(b -> b.skills("billing")
      .queue("billing", RoutingPolicy.of(PolicyStep.untilAnswered(
          Target.skills(Map.of("billing", 5)))))
      .queue("tiered", RoutingPolicy.of(
          PolicyStep.waitFor(Target.agents("ann"), Duration.ofMinutes(5)),
          PolicyStep.untilAnswered(Target.skills(Map.of())).withPriorityBoost(10))));

  @Test
  void transferToQueue_ofAnAssignedItem_freesTheAgent_andRoutesByTheNewQueue() {
    f.addAvailable(chatAgent("ann", 1),
        Agent.builder("bill").capacity(Channel.CHAT, 1).skill("billing", 6).build());
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.submit(chat("e2"));
    assertThat(f.holder("e2")).contains("bill");
    f.accept("bill", "e2");
    int mark = f.mark();
    f.ok(f.sb.transfer("e1", TransferTarget.queue("billing")));
    assertThat(f.eventsSince(mark, ItemTransferred.class)).singleElement().satisfies(t -> {
      assertThat(t.fromAgent()).contains("ann");
      assertThat(t.target()).isEqualTo(TransferTarget.queue("billing"));
    });
    assertThat(f.eventsSince(mark, ItemQueued.class)).singleElement().satisfies(q -> {
      assertThat(q.queue()).isEqualTo("billing");
      assertThat(q.step()).isZero();
    });
    assertThat(f.item("e1").orElseThrow().queue()).isEqualTo("billing");
    assertThat(f.agentView("ann").itemIds()).isEmpty();
    f.complete("bill", "e2");
    assertThat(f.holder("e1")).as("only bill has billing 5+").contains("bill");
  }

  @Test
  void transferToAgent_waitsForThatAgent_evenWhenOthersAreFree() {
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 1), chatAgent("cat", 1));
    f.submit(chat("busy"));
    f.accept("ann", "busy");
    f.submit(chat("e1"));
    assertThat(f.holder("e1")).contains("bob");
    f.ok(f.sb.transfer("e1", TransferTarget.agent("ann")));
    assertThat(f.state("e1")).as("ann is full; cat is free but not named")
        .isEqualTo(ItemState.QUEUED);
    assertThat(f.events(ItemTransferred.class)).singleElement()
        .satisfies(t -> assertThat(t.fromAgent()).contains("bob"));
    f.complete("ann", "busy");
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void transferToAgent_ignoresSkills() {
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chatBuilder("e1").queue("billing").build());
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.transfer("e1", TransferTarget.agent("ann")));
    assertThat(f.holder("e1")).contains("ann");
    assertThat(f.events(ItemTransferred.class)).singleElement()
        .satisfies(t -> assertThat(t.fromAgent()).isEqualTo(Optional.empty()));
  }

  @Test
  void transferToNextStep_movesOnAtOnce_withTheStepsBoost() {
    f.add(chatAgent("ann"));
    f.ok(f.sb.setPresence("ann", Presence.away("lunch")));
    f.addAvailable(chatAgent("bob"));
    f.submit(chatBuilder("t1").queue("tiered").build());
    assertThat(f.state("t1")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.transfer("t1", TransferTarget.nextStep()));
    assertThat(f.events(StepEscalated.class)).singleElement().satisfies(e -> {
      assertThat(e.fromStep()).isZero();
      assertThat(e.toStep()).isEqualTo(1);
      assertThat(e.reason()).isEqualTo("transfer");
      assertThat(e.priority()).isEqualTo(10);
    });
    assertThat(f.holder("t1")).contains("bob");
  }

  @Test
  void transfer_clearsDeclines_soTheRejecterMayGetTheItemAgain() {
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.ok(f.sb.reject("ann", "e1"));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.transfer("e1", TransferTarget.queue("default")));
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void transfer_ofAWrappingUpItem_isRejected() {
    Fixture w = Fixture.of(b -> b.wrapUp(Channel.CHAT, Duration.ofSeconds(30)));
    w.addAvailable(chatAgent("ann"));
    w.submit(chat("e1"));
    w.accept("ann", "e1");
    w.complete("ann", "e1");
    assertThat(w.rejectedUnchanged(() -> w.sb.transfer("e1", TransferTarget.queue("default")),
        CommandRejectedException.Reason.WRONG_STATE)).hasMessageContaining("WRAPPING_UP");
  }

  @Test
  void transfer_toAnAgentWhoTakesNoWorkOnTheChannel_isRejected() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"));
    f.add(Agent.builder("vic").channel(Channel.VOICE).build());
    f.submit(chat("c1"));
    CommandRejectedException e = f.rejectedUnchanged(
        () -> f.sb.transfer("c1", TransferTarget.agent("vic")), CommandRejectedException.Reason.WRONG_AGENT);
    assertThat(e).hasMessageContaining("agent 'vic' takes no chat work");
  }
}
