package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Affinity steps: the customer's own agent, then recent agents, then anyone skilled. */
class AffinityRoutingTest {

  static final String PERSONAL = "personal";

  /** Own agent for 5 minutes, recent agents for 2, then anyone with the skills. */
  static Fixture fixture(UnaryOperator<AffinityOptions.Builder> options) {
    return Fixture.of(b -> b.affinity(options.apply(AffinityOptions.builder()).build())
        .queue(PERSONAL, RoutingPolicy.of(
            PolicyStep.waitFor(Target.ownAgent(), Duration.ofMinutes(5)),
            PolicyStep.waitFor(Target.recentAgents(), Duration.ofMinutes(2)),
            PolicyStep.untilAnswered(Target.requiredSkills()))));
  }

  static WorkItem personal(String id, String customer) {
    return WorkItem.builder(id, Channel.CHAT).customer(customer).queue(PERSONAL).build();
  }

  private final Fixture f = fixture(o -> o.learnOwnerAfter(0));

  /** Ted and ann are available; ted owns acme and holds one other item, his whole capacity. */
  static void tedOwnsAcmeAndIsBusy(Fixture g) {
    g.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    g.ok(g.sb.supervisor().moveAccount("acme", "ted"));
    g.submit(Fixture.chatBuilder("busy").customer("other").build());
    g.accept("ted", "busy");
  }

  @Test
  void ownAgentStep_offersTheCustomersOwner_thoughAnotherAgentWaitedLonger() {
    f.addAvailable(Fixture.chatAgent("ann", 1), Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(personal("e1", "acme"));
    assertThat(f.holder("e1")).contains("ted");
  }

  @Test
  void ownAgentBusy_itemWaitsTheBudget_thenWidensToAnyone() {
    f.addAvailable(Fixture.chatAgent("ann", 1), Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.accept("ann", "busy");
    f.submit(Fixture.chatBuilder("busy2").customer("other").build());
    f.accept("ted", "busy2");
    f.complete("ann", "busy");
    f.submit(personal("e1", "acme"));
    assertThat(f.state("e1")).as("ann is free but not acme's agent").isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    int mark = f.mark();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.eventsSince(mark, StepEscalated.class)).singleElement()
        .satisfies(s -> assertThat(s.toStep()).as("no recent agents: straight to anyone").isEqualTo(2));
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void offlineOwner_isPassedOverAtOnce() {
    f.addAvailable(Fixture.chatAgent("ann", 1));
    f.add(Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(personal("e1", "acme"));
    assertThat(f.holder("e1")).contains("ann");
    assertThat(f.events(StepEscalated.class)).singleElement().satisfies(s -> {
      assertThat(s.fromStep()).isZero();
      assertThat(s.reason()).isEqualTo("customer's agent unavailable");
    });
  }

  @Test
  void offlineOwner_withSkipOfflineAgentsOff_isWaitedFor() {
    Fixture g = fixture(o -> o.skipOfflineAgents(false));
    g.add(Fixture.chatAgent("ted", 1));
    g.addAvailable(Fixture.chatAgent("ann", 1));
    g.ok(g.sb.supervisor().moveAccount("acme", "ted"));
    g.submit(personal("e1", "acme"));
    assertThat(g.state("e1")).isEqualTo(ItemState.QUEUED);
    g.available("ted");
    assertThat(g.holder("e1")).contains("ted");
  }

  @Test
  void ownerWithoutTheChannel_isNotWaitedFor_evenWithSkipOfflineAgentsOff() {
    Fixture g = fixture(o -> o.skipOfflineAgents(false));
    g.addAvailable(Agent.builder("ted").channel(Channel.EMAIL).build(), Fixture.chatAgent("ann", 1));
    g.ok(g.sb.supervisor().moveAccount("acme", "ted"));
    g.submit(personal("e1", "acme"));
    assertThat(g.holder("e1")).contains("ann");
  }

  @Test
  void ownerRemoved_movesHisWaitingWorkOn_evenWhenNoSkippingIsConfigured() {
    Fixture g = Fixture.of(b -> b.skipEmptySteps(false)
        .affinity(AffinityOptions.builder().skipOfflineAgents(false).build())
        .queue(PERSONAL, RoutingPolicy.of(
            PolicyStep.waitFor(Target.ownAgent(), Duration.ofMinutes(5)),
            PolicyStep.untilAnswered(Target.requiredSkills()))));
    tedOwnsAcmeAndIsBusy(g);
    g.submit(Fixture.chatBuilder("busy2").customer("other").build());
    g.accept("ann", "busy2");
    g.submit(personal("e1", "acme"));
    g.ok(g.sb.removeAgent("ted"));
    assertThat(g.item("e1").orElseThrow().step()).as("nobody left to wait for").isEqualTo(1);
  }

  @Test
  void itemOfferedElsewhere_whileItsOwnerLeft_skipsTheOwnAgentStepWhenTheOfferEnds() {
    Fixture g = Fixture.of(b -> b.offerTimeout(Duration.ofMinutes(10))
        .queue(PERSONAL, RoutingPolicy.of(
            PolicyStep.waitFor(Target.requiredSkills(), Duration.ofMinutes(1)),
            PolicyStep.waitFor(Target.ownAgent(), Duration.ofMinutes(5)),
            PolicyStep.untilAnswered(Target.requiredSkills()))));
    tedOwnsAcmeAndIsBusy(g);
    g.submit(personal("e1", "acme"));
    assertThat(g.holder("e1")).contains("ann");
    g.advance(Duration.ofMinutes(1));
    assertThat(g.item("e1").orElseThrow().step()).as("escalated while offered").isEqualTo(1);
    g.ok(g.sb.setPresence("ted", Presence.OFFLINE));
    int mark = g.mark();
    g.ok(g.sb.reject("ann", "e1"));
    assertThat(g.eventsSince(mark, StepEscalated.class)).singleElement().satisfies(s -> {
      assertThat(s.toStep()).isEqualTo(2);
      assertThat(s.reason()).isEqualTo("customer's agent unavailable");
    });
  }

  @Test
  void ownerLoggingOut_movesHisWaitingWorkOnAtOnce() {
    f.addAvailable(Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(personal("e1", "acme"));
    f.accept("ted", "e1");
    f.submit(personal("e2", "acme"));
    assertThat(f.state("e2")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(Fixture.chatAgent("ann", 1));
    assertThat(f.state("e2")).as("ann is not acme's agent").isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.setPresence("ted", Presence.OFFLINE));
    assertThat(f.holder("e2")).contains("ann");
  }

  @Test
  void recentAgent_getsTheCustomersNextItem_untilTheRelationshipDecays() {
    Fixture g = fixture(o -> o.learnOwnerAfter(0).recentFor(Duration.ofHours(1)));
    g.addAvailable(Fixture.chatAgent("ann", 1), Fixture.chatAgent("bob", 1));
    g.submit(personal("e1", "acme"));
    assertThat(g.holder("e1")).as("no relationship yet: longest idle").contains("ann");
    g.accept("ann", "e1");
    g.complete("ann", "e1");
    g.submit(personal("e2", "acme"));
    assertThat(g.holder("e2")).as("bob idled longer, but ann is acme's recent agent").contains("ann");
    g.accept("ann", "e2");
    g.complete("ann", "e2");
    assertThat(g.ok(g.sb.supervisor().relationships("acme")).recentAgentIds()).containsExactly("ann");
    g.advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(g.ok(g.sb.supervisor().relationships("acme")).recent()).isEmpty();
    g.submit(personal("e3", "acme"));
    assertThat(g.holder("e3")).as("the relationship decayed: longest idle again").contains("bob");
  }

  @Test
  void recentAgentLeaving_handsTheItemToAnotherRecentAgent() {
    f.addAvailable(Fixture.chatAgent("ann", 1), Fixture.chatAgent("bob", 1));
    for (String id : new String[] {"e1", "e2"}) {
      f.submit(personal(id, "acme"));
    }
    f.accept("ann", "e1");
    f.accept("bob", "e2");
    f.complete("ann", "e1");
    f.complete("bob", "e2");
    f.addAvailable(Fixture.chatAgent("cat", 1));
    f.submit(personal("e3", "acme"));
    String first = f.holder("e3").orElseThrow();
    assertThat(first).isIn("ann", "bob");
    f.accept(first, "e3");
    f.ok(f.sb.removeAgent(first));
    assertThat(f.holder("e3")).as("still at the recent-agents step; cat is a stranger")
        .contains(first.equals("ann") ? "bob" : "ann");
  }

  @Test
  void owner_isLearnedFromResolvedWork() {
    Fixture g = fixture(o -> o.learnOwnerAfter(2));
    g.addAvailable(Fixture.chatAgent("ann", 1));
    for (String id : new String[] {"e1", "e2"}) {
      g.submit(personal(id, "acme"));
      g.accept("ann", id);
      g.complete("ann", id);
    }
    assertThat(g.events(OwnerChanged.class)).singleElement().satisfies(o -> {
      assertThat(o.customerId()).isEqualTo("acme");
      assertThat(o.to()).contains("ann");
      assertThat(o.reason()).isEqualTo("learned");
    });
    assertThat(g.ok(g.sb.supervisor().relationships("acme")).owner()).contains("ann");
  }

  @Test
  void personalWork_comesBeforeHigherPriorityShared_whenTheAgentFreesCapacity() {
    f.addAvailable(Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.accept("ted", "busy");
    f.submit(Fixture.chatBuilder("shared").customer("other").priority(80).build());
    f.submit(personal("mine", "acme"));
    f.complete("ted", "busy");
    assertThat(f.holder("mine")).contains("ted");
    assertThat(f.state("shared")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void sharedWorkAboutToBreach_goesBeforeSafePersonalWork() {
    f.addAvailable(Fixture.chatAgent("ted", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.accept("ted", "busy");
    f.submit(Fixture.chatBuilder("shared").customer("other")
        .slaTarget(Duration.ofSeconds(90)).build());
    f.submit(personal("mine", "acme"));
    f.complete("ted", "busy");
    assertThat(f.holder("shared")).as("due within urgentWithin (2 minutes)").contains("ted");
  }

  @Test
  void withoutPersonalFirst_backlogOrderDecides() {
    Fixture g = fixture(o -> o.personalFirst(false));
    g.addAvailable(Fixture.chatAgent("ted", 1));
    g.ok(g.sb.supervisor().moveAccount("acme", "ted"));
    g.submit(Fixture.chatBuilder("busy").customer("other").build());
    g.accept("ted", "busy");
    g.submit(Fixture.chatBuilder("shared").customer("other").priority(80).build());
    g.submit(personal("mine", "acme"));
    g.complete("ted", "busy");
    assertThat(g.holder("shared")).contains("ted");
  }

  @Test
  void shareOfSlaStep_waitsThatShare_cappedByMaxWait() {
    Fixture g = Fixture.of(b -> b.queue(PERSONAL, RoutingPolicy.of(
        PolicyStep.waitForShareOfSla(Target.ownAgent(), 0.25, Duration.ofMinutes(10)),
        PolicyStep.untilAnswered(Target.requiredSkills()))));
    tedOwnsAcmeAndIsBusy(g);
    g.submit(WorkItem.builder("e1", Channel.CHAT).customer("acme").queue(PERSONAL)
        .slaTarget(Duration.ofMinutes(8)).build());
    g.advance(Duration.ofMinutes(2).minusSeconds(1));
    assertThat(g.state("e1")).isEqualTo(ItemState.QUEUED);
    g.advance(Duration.ofSeconds(1));
    assertThat(g.holder("e1")).as("a quarter of 8 minutes").contains("ann");
  }

  /** Ted owns acme and takes its first item; its second waits 5 minutes, then goes to ann. */
  private void hitThenMiss() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    f.ok(f.sb.supervisor().moveAccount("acme", "ted"));
    f.submit(personal("hit", "acme"));
    f.accept("ted", "hit");
    f.submit(personal("miss", "acme"));
    f.advance(Duration.ofMinutes(5));
    f.accept("ann", "miss");
  }

  @Test
  void measures_countHitsAndTheWaitAffinityAdded() {
    hitThenMiss();
    AffinityMeasures m = f.ok(f.sb.supervisor().affinityMeasures());
    assertThat(m.answered()).isEqualTo(2);
    assertThat(m.ownAgentHits()).isEqualTo(1);
    assertThat(m.hitRate()).isEqualTo(0.5);
    assertThat(m.affinityWait()).isEqualTo(Duration.ofMinutes(5));
    assertThat(m.affinityWaitOnMisses()).isEqualTo(Duration.ofMinutes(5));
    assertThat(m.storeFailures()).isZero();
  }

  @Test
  void itemAssigned_saysWhoAnsweredAndHowLongAffinityMadeTheItemWait() {
    hitThenMiss();
    f.complete("ann", "miss");
    f.submit(personal("recent", "acme"));
    f.advance(Duration.ofMinutes(5));          // ted, the owner, is still busy: ann knows acme
    f.accept("ann", "recent");

    assertThat(f.events(ItemAssigned.class))
        .extracting(ItemAssigned::itemId, ItemAssigned::affinity, ItemAssigned::affinityWait)
        .containsExactly(
            tuple("hit", AffinityMatch.OWNER, Duration.ZERO),
            tuple("miss", AffinityMatch.NONE, Duration.ofMinutes(5)),
            tuple("recent", AffinityMatch.RECENT_AGENT, Duration.ofMinutes(5)));
  }

  @Test
  void relationships_ofAnUnknownCustomer_areNone() {
    assertThat(f.ok(f.sb.supervisor().relationships("nobody"))).isEqualTo(Relationships.none("nobody"));
  }
}
