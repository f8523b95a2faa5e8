package dev.switchboard;

import static dev.switchboard.Fixture.T0;
import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.OfferRejected;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An offer is accepted, rejected, auto-accepted or times out; each has its consequence. */
class OfferLifecycleTest {

  @Test
  void offer_expiresAtOfferTimeout_andReservesCapacityUntilThen() {
    Fixture f = Fixture.of(b -> b.offerTimeout(Duration.ofSeconds(20)));
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.submit(chat("e2"));
    assertThat(f.events(ItemOffered.class)).singleElement().satisfies(o -> {
      assertThat(o.itemId()).isEqualTo("e1");
      assertThat(o.expiresAt()).isEqualTo(T0.plusSeconds(20));
    });
    assertThat(f.state("e2")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(19));
    assertThat(f.events(OfferTimedOut.class)).isEmpty();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(OfferTimedOut.class)).singleElement().satisfies(t -> {
      assertThat(t.itemId()).isEqualTo("e1");
      assertThat(t.agentId()).isEqualTo("ann");
      assertThat(t.consecutiveMisses()).isEqualTo(1);
      assertThat(t.at()).isEqualTo(T0.plusSeconds(20));
    });
    assertThat(f.holder("e2")).contains("ann");
  }

  @Test
  void offerTimeout_returnsTheItemAheadOfNewerWork() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 1));
    f.submit(chat("e0"));
    assertThat(f.holder("e0")).contains("ann");
    f.accept("ann", "e0");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e1"));
    assertThat(f.holder("e1")).contains("bob");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e2"));
    f.submit(chat("e3"));
    f.advance(Duration.ofSeconds(30));
    // bob missed e1, so bob takes the next item that he did not miss
    assertThat(f.holder("e2")).contains("bob");
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    int mark = f.mark();
    f.complete("ann", "e0");
    assertThat(f.eventsSince(mark, ItemOffered.class)).singleElement().satisfies(o -> {
      assertThat(o.itemId()).as("the missed item goes before newer e3").isEqualTo("e1");
      assertThat(o.agentId()).isEqualTo("ann");
    });
  }

  @Test
  void consecutiveMisses_reachingTheLimit_setTheAgentAwayForMissedOffers() {
    Fixture f = Fixture.of(b -> b.maxConsecutiveMisses(2));
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.advance(Duration.ofSeconds(30));
    assertThat(f.agentView("ann").presence()).isEqualTo(Presence.AVAILABLE);
    assertThat(f.agentView("ann").consecutiveMisses()).isEqualTo(1);
    f.submit(chat("e2"));
    assertThat(f.holder("e2")).contains("ann");
    f.advance(Duration.ofSeconds(30));
    assertThat(f.events(OfferTimedOut.class)).extracting(OfferTimedOut::consecutiveMisses)
        .containsExactly(1, 2);
    assertThat(f.events(PresenceChanged.class)).last().satisfies(p -> {
      assertThat(p.agentId()).isEqualTo("ann");
      assertThat(p.to()).isEqualTo(Presence.away(Presence.MISSED_OFFERS));
    });
    assertThat(f.agentView("ann").presence()).isEqualTo(Presence.away("missed-offers"));
    f.submit(chat("e3"));
    assertThat(f.state("e3")).as("an away agent gets no offers").isEqualTo(ItemState.QUEUED);
  }

  @Test
  void accepting_resetsTheConsecutiveMissCount() {
    Fixture f = Fixture.of(b -> b.maxConsecutiveMisses(2));
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.advance(Duration.ofSeconds(30));
    f.submit(chat("e2"));
    f.accept("ann", "e2");
    assertThat(f.agentView("ann").consecutiveMisses()).isZero();
    f.complete("ann", "e2");
    f.submit(chat("e3"));
    f.advance(Duration.ofSeconds(30));
    assertThat(f.events(OfferTimedOut.class)).extracting(OfferTimedOut::consecutiveMisses)
        .containsExactly(1, 1);
    assertThat(f.agentView("ann").presence()).isEqualTo(Presence.AVAILABLE);
  }

  @Test
  void accept_assignsTheItem_andStopsTheOfferTimer() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    assertThat(f.events(ItemAssigned.class)).singleElement()
        .satisfies(a -> assertThat(a.autoAccepted()).isFalse());
    f.advance(Duration.ofMinutes(5));
    assertThat(f.events(OfferTimedOut.class)).isEmpty();
    assertThat(f.state("e1")).isEqualTo(ItemState.ASSIGNED);
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void reject_routesTheItemToAnotherAgent_notTheRejecter() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"), chatAgent("bob"));
    f.submit(chat("e1"));
    assertThat(f.holder("e1")).contains("ann");
    int mark = f.mark();
    f.ok(f.sb.reject("ann", "e1"));
    assertThat(f.eventsSince(mark, OfferRejected.class)).singleElement()
        .satisfies(r -> assertThat(r.agentId()).isEqualTo("ann"));
    assertThat(f.eventsSince(mark, ItemOffered.class)).singleElement()
        .satisfies(o -> assertThat(o.agentId()).isEqualTo("bob"));
  }

  @Test
  void reject_withNobodyElseFree_queuesTheItem_andKeepsItFromTheRejecterMeanwhile() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.ok(f.sb.reject("ann", "e1"));
    f.submit(chat("e2"));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    assertThat(f.holder("e2")).as("the rejecter gets other work").contains("ann");
    f.addAvailable(chatAgent("bob", 1));
    assertThat(f.holder("e1")).contains("bob");
  }

  @Test
  void autoAcceptChannel_assignsWithoutAnOffer() {
    Fixture f = Fixture.of(b -> b.autoAccept(Channel.CHAT));
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("e1"));
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    assertThat(f.events(ItemOffered.class)).isEmpty();
    assertThat(f.events(ItemAssigned.class)).singleElement().satisfies(a -> {
      assertThat(a.itemId()).isEqualTo("e1");
      assertThat(a.autoAccepted()).isTrue();
    });
    assertThat(f.state("e1")).isEqualTo(ItemState.ASSIGNED);
    assertThat(f.state("m1")).as("ann takes no email").isEqualTo(ItemState.QUEUED);
  }

  @Test
  void abandon_ofAnOfferedItem_freesTheAgentForTheNextItem() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.submit(chat("e2"));
    f.ok(f.sb.abandon("e1"));
    assertThat(f.item("e1")).isEmpty();
    assertThat(f.holder("e2")).contains("ann");
  }

  @Test
  void cancel_ofAnAssignedItem_freesTheCapacity() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.submit(chat("e2"));
    f.ok(f.sb.cancel("e1"));
    assertThat(f.item("e1")).isEmpty();
    assertThat(f.holder("e2")).contains("ann");
  }

  @Test
  void declines_expireAfterTheDeclineMemory_soTheOnlyAgentGetsTheItemBack() {
    Fixture f = Fixture.of(b -> b.declineMemory(Duration.ofSeconds(45)));
    f.addAvailable(chatAgent("ann", 1));
    f.submit(chat("e1"));
    f.ok(f.sb.reject("ann", "e1"));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(44));
    assertThat(f.state("e1")).as("still declined at 44 s").isEqualTo(ItemState.QUEUED);
    int mark = f.mark();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.eventsSince(mark, ItemOffered.class)).singleElement()
        .satisfies(o -> assertThat(o.agentId()).isEqualTo("ann"));
  }

  @Test
  void declines_ofEveryEligibleAgent_doNotStrandTheItem() {
    // ann misses, bob rejects, then bob logs out: ann must get the item once declines expire
    Fixture f = Fixture.of(b -> b.offerTimeout(Duration.ofSeconds(10)));
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 1));
    f.submit(chat("e1"));
    f.advance(Duration.ofSeconds(10));
    assertThat(f.holder("e1")).contains("bob");
    f.ok(f.sb.reject("bob", "e1"));
    f.ok(f.sb.setPresence("bob", Presence.OFFLINE));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(60));
    assertThat(f.holder("e1")).contains("ann");
  }
}
