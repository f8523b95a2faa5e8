package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Presence decides who gets offers: leaving takes offers back, returning pulls work. */
class PresenceTest {

  private final Fixture f = Fixture.plain();

  /** ann (capacity 2) holds e1 assigned and e2 offered. */
  private void annHoldsAssignedAndOffered() {
    f.addAvailable(chatAgent("ann", 2));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.submit(chat("e2"));
    assertThat(f.state("e2")).isEqualTo(ItemState.OFFERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"away", "offline"})
  void leaving_revokesOffers_butKeepsAssignedWork(String where) {
    annHoldsAssignedAndOffered();
    Presence to = where.equals("away") ? Presence.away("lunch") : Presence.OFFLINE;
    int mark = f.mark();
    f.ok(f.sb.setPresence("ann", to));
    assertThat(f.eventsSince(mark, ItemReleased.class)).singleElement().satisfies(r -> {
      assertThat(r.itemId()).isEqualTo("e2");
      assertThat(r.agentId()).isEqualTo("ann");
      assertThat(r.from()).isEqualTo(ItemState.OFFERED);
    });
    assertThat(f.state("e2")).isEqualTo(ItemState.QUEUED);
    assertThat(f.state("e1")).isEqualTo(ItemState.ASSIGNED);
    assertThat(f.holder("e1")).contains("ann");
    assertThat(f.agentView("ann").load()).isEqualTo(Map.of(Channel.CHAT, 1));
  }

  @Test
  void leaving_sendsRevokedOffersToAnotherFreeAgent() {
    annHoldsAssignedAndOffered();
    f.addAvailable(chatAgent("bob", 1));
    f.ok(f.sb.setPresence("ann", Presence.away("lunch")));
    assertThat(f.holder("e2")).contains("bob");
  }

  @Test
  void becomingAvailable_pullsWaitingWork_upToCapacityOnly() {
    f.add(chatAgent("ann", 3));
    for (int i = 1; i <= 5; i++) {
      f.submit(chat("e" + i));
    }
    assertThat(f.events(ItemOffered.class)).as("offline agents get nothing").isEmpty();
    f.available("ann");
    assertThat(f.events(ItemOffered.class)).extracting(ItemOffered::itemId)
        .containsExactly("e1", "e2", "e3");
    assertThat(f.state("e4")).isEqualTo(ItemState.QUEUED);
    assertThat(f.agentView("ann").load()).isEqualTo(Map.of(Channel.CHAT, 3));
  }

  @Test
  void returningAgent_withWorkStillHeld_isFilledOnlyToCapacity() {
    annHoldsAssignedAndOffered();
    f.ok(f.sb.setPresence("ann", Presence.away("lunch")));
    for (int i = 3; i <= 6; i++) {
      f.submit(chat("e" + i));
    }
    int mark = f.mark();
    f.available("ann");
    assertThat(f.eventsSince(mark, ItemOffered.class)).as("one slot is taken by e1").hasSize(1);
    assertThat(f.agentView("ann").itemIds()).hasSize(2);
  }

  @Test
  void settingTheSamePresence_emitsNothing() {
    f.addAvailable(chatAgent("ann"));
    int mark = f.mark();
    f.available("ann");
    assertThat(f.events.subList(mark, f.events.size())).isEmpty();
  }

  @Test
  void presenceChange_isReportedWithFromAndTo() {
    f.addAvailable(chatAgent("ann"));
    f.ok(f.sb.setPresence("ann", Presence.away("training")));
    assertThat(f.events(PresenceChanged.class)).extracting(PresenceChanged::from, PresenceChanged::to)
        .containsExactly(
            tuple(Presence.OFFLINE, Presence.AVAILABLE),
            tuple(Presence.AVAILABLE, Presence.away("training")));
  }
}
