package dev.switchboard;

import static dev.switchboard.Fixture.T0;
import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.WrapUpStarted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Wrap-up holds the agent's capacity after completion until its timer or finishWrapUp. */
class WrapUpTest {

  private final Fixture f = Fixture.of(b -> b.wrapUp(Channel.CHAT, Duration.ofSeconds(60)));

  private void annWrapsUpE1() {
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.ok(f.sb.complete("ann", "e1", Outcome.of("sold")));
    f.submit(chat("e2"));
  }

  @Test
  void complete_onAWrapUpChannel_holdsCapacityUntilTheTimer() {
    annWrapsUpE1();
    assertThat(f.events(WrapUpStarted.class)).singleElement().satisfies(w -> {
      assertThat(w.endsAt()).isEqualTo(T0.plusSeconds(60));
      assertThat(w.outcome()).isEqualTo(Outcome.of("sold"));
    });
    assertThat(f.state("e1")).isEqualTo(ItemState.WRAPPING_UP);
    assertThat(f.state("e2")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(59));
    assertThat(f.events(ItemCompleted.class)).isEmpty();
    assertThat(f.state("e2")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(ItemCompleted.class)).singleElement().satisfies(c -> {
      assertThat(c.itemId()).isEqualTo("e1");
      assertThat(c.outcome()).isEqualTo(Outcome.of("sold"));
      assertThat(c.at()).isEqualTo(T0.plusSeconds(60));
    });
    assertThat(f.holder("e2")).contains("ann");
  }

  @Test
  void finishWrapUp_freesTheCapacityAtOnce_andTheTimerDoesNothingLater() {
    annWrapsUpE1();
    f.clock.advance(Duration.ofSeconds(10));
    f.ok(f.sb.finishWrapUp("ann", "e1"));
    assertThat(f.events(ItemCompleted.class)).singleElement()
        .satisfies(c -> assertThat(c.at()).isEqualTo(T0.plusSeconds(10)));
    assertThat(f.holder("e2")).contains("ann");
    f.advance(Duration.ofMinutes(2));
    assertThat(f.events(ItemCompleted.class)).hasSize(1);
  }

  @Test
  void channelWithoutWrapUp_completesAtOnce() {
    f.addAvailable(Agent.builder("ann").capacity(Channel.EMAIL, 1).build());
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    f.accept("ann", "m1");
    f.complete("ann", "m1");
    assertThat(f.events(WrapUpStarted.class)).isEmpty();
    assertThat(f.events(ItemCompleted.class)).singleElement()
        .satisfies(c -> assertThat(c.itemId()).isEqualTo("m1"));
    assertThat(f.agentView("ann").load()).isEmpty();
  }

  @Test
  void goingAway_duringWrapUp_keepsTheWrapUp() {
    annWrapsUpE1();
    f.ok(f.sb.setPresence("ann", Presence.away("break")));
    assertThat(f.state("e1")).isEqualTo(ItemState.WRAPPING_UP);
    f.advance(Duration.ofSeconds(60));
    assertThat(f.events(ItemCompleted.class)).hasSize(1);
    assertThat(f.state("e2")).as("ann is away").isEqualTo(ItemState.QUEUED);
  }
}
