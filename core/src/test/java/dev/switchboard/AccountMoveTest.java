package dev.switchboard;

import static dev.switchboard.AffinityRoutingTest.personal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.event.RoutingEvent.CustomersMerged;
import dev.switchboard.event.RoutingEvent.OverloadDetected;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Supervisor operations on accounts and agents' queues, and the overload insight. */
class AccountMoveTest {

  private final Fixture f = AffinityRoutingTest.fixture(o -> o.learnOwnerAfter(0)
      .defaultHandleTime(Duration.ofMinutes(5)));

  private void ownedByTed(String... customers) {
    for (String c : customers) {
      f.ok(f.sb.supervisor().moveAccount(c, "ted"));
    }
  }

  @Test
  void moveAccount_queuedWorkFollowsTheNewOwner_offeredAndAssignedStay() {
    f.addAvailable(Fixture.chatAgent("ted", 2));
    f.add(Fixture.chatAgent("ann", 3));
    ownedByTed("acme");
    f.submit(personal("assigned", "acme"));
    f.accept("ted", "assigned");
    f.submit(personal("offered", "acme"));
    f.submit(personal("queued", "acme"));
    assertThat(f.state("queued")).isEqualTo(ItemState.QUEUED);
    f.available("ann");
    assertThat(f.state("queued")).as("ann is not acme's agent yet").isEqualTo(ItemState.QUEUED);
    int mark = f.mark();
    f.ok(f.sb.supervisor().moveAccount("acme", "ann"));
    assertThat(f.eventsSince(mark, OwnerChanged.class)).singleElement().satisfies(o -> {
      assertThat(o.from()).contains("ted");
      assertThat(o.to()).contains("ann");
      assertThat(o.reason()).isEqualTo("moved by supervisor");
    });
    assertThat(f.holder("queued")).as("queued own-agent work follows the account").contains("ann");
    assertThat(f.holder("offered")).as("an open offer stands").contains("ted");
    assertThat(f.holder("assigned")).as("assigned work stays").contains("ted");
    f.ok(f.sb.reject("ted", "offered"));
    assertThat(f.holder("offered")).as("a declined offer goes to the new owner").contains("ann");
  }

  @Test
  void moveAccounts_withAnUnknownAgent_isRejectedAndMovesNone() {
    f.addAvailable(Fixture.chatAgent("ted", 1));
    ownedByTed("acme");
    Map<String, String> moves = new LinkedHashMap<>();
    moves.put("acme", "ted");
    moves.put("globex", "nobody");
    f.rejectedUnchanged(() -> f.sb.supervisor().moveAccounts(moves), Reason.UNKNOWN_AGENT);
    assertThat(f.ok(f.sb.supervisor().relationships("globex")).owner()).isEmpty();
  }

  @Test
  void moveAccounts_inBulk_setsEveryOwner() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    f.ok(f.sb.supervisor().moveAccounts(Map.of("acme", "ann", "globex", "ted")));
    assertThat(f.ok(f.sb.supervisor().relationships("acme")).owner()).contains("ann");
    assertThat(f.ok(f.sb.supervisor().relationships("globex")).owner()).contains("ted");
    assertThat(f.events(OwnerChanged.class)).hasSize(2);
  }

  @Test
  void clearOwner_passesQueuedOwnWorkOnToTheNextStep() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    ownedByTed("acme");
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.accept("ted", "busy");
    f.submit(personal("e1", "acme"));
    assertThat(f.state("e1")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.supervisor().clearOwner("acme"));
    assertThat(f.holder("e1")).contains("ann");
  }

  @Test
  void agentQueue_showsPersonalWorkAcrossChannels_andPauseKeepsItWaiting() {
    Agent ted = Agent.builder("ted").channel(Channel.CHAT).channel(Channel.EMAIL)
        .channel(Channel.SMS).build();
    f.addAvailable(ted, Agent.builder("ann").channel(Channel.CHAT).channel(Channel.EMAIL)
        .channel(Channel.SMS).build());
    ownedByTed("acme");
    f.ok(f.sb.supervisor().pause("ted"));
    for (Channel c : new Channel[] {Channel.EMAIL, Channel.SMS, Channel.CHAT}) {
      f.submit(WorkItem.builder("e-" + c.id(), c).customer("acme")
          .queue(AffinityRoutingTest.PERSONAL).build());
    }
    AgentQueue q = f.ok(f.sb.supervisor().agentQueue("ted"));
    assertThat(q.presence()).isEqualTo(Presence.away(Supervisor.PAUSED));
    assertThat(q.waiting()).extracting(v -> v.item().id())
        .as("a paused owner is logged in, so his work waits for him")
        .containsExactly("e-email", "e-sms", "e-chat");
    f.ok(f.sb.supervisor().resume("ted"));
    assertThat(f.agentView("ted").itemIds()).containsExactly("e-email", "e-sms", "e-chat");
    assertThat(f.ok(f.sb.supervisor().agentQueue("ted")).held()).hasSize(3);
  }

  @Test
  void moveItem_sendsItToTheOtherAgent() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    ownedByTed("acme");
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.accept("ted", "busy");
    f.submit(Fixture.chatBuilder("busy2").customer("other").build());
    f.accept("ann", "busy2");
    f.submit(personal("e1", "acme"));
    f.ok(f.sb.supervisor().moveItem("e1", "ann"));
    assertThat(f.ok(f.sb.supervisor().agentQueue("ann")).waiting()).extracting(v -> v.item().id())
        .containsExactly("e1");
    assertThat(f.ok(f.sb.supervisor().agentQueue("ted")).waiting()).isEmpty();
  }

  @Test
  void supervisorCalls_withMalformedArguments_throwOnTheCallersThread_changingNothing() {
    f.addAvailable(Fixture.chatAgent("ted", 1));
    Supervisor s = f.sb.supervisor();
    assertThat(f.thrownUnchanged(() -> s.moveAccount(null, "ted")))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("customerId");
    assertThat(f.thrownUnchanged(() -> s.moveAccount("acme", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("toAgentId");
    assertThat(f.thrownUnchanged(() -> s.moveAccounts(Map.of())))
        .hasMessageContaining("newOwners is empty");
    assertThat(f.thrownUnchanged(() -> s.mergeCustomers("acme", "")))
        .hasMessageContaining("intoCustomerId");
    assertThat(f.thrownUnchanged(() -> s.agentQueue(null))).hasMessageContaining("agentId");
    assertThat(f.thrownUnchanged(() -> s.relationships("x".repeat(129))))
        .hasMessageContaining("customerId");
  }

  @Test
  void overload_usesTheAgentsRecentHandleTime() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1));
    ownedByTed("acme");
    f.submit(personal("first", "acme"));
    f.accept("ted", "first");
    f.advance(Duration.ofMinutes(1));
    f.complete("ted", "first");
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.ok(f.sb.supervisor().moveItem("busy", "ted"));
    f.accept("ted", "busy");
    f.submit(WorkItem.builder("a1", Channel.CHAT).customer("acme").queue(AffinityRoutingTest.PERSONAL)
        .slaTarget(Duration.ofSeconds(90)).build());
    assertThat(f.events(OverloadDetected.class)).as("at 1 minute a handle, a1 starts in time")
        .isEmpty();
    f.submit(WorkItem.builder("a2", Channel.CHAT).customer("acme").queue(AffinityRoutingTest.PERSONAL)
        .slaTarget(Duration.ofSeconds(90)).build());
    assertThat(f.events(OverloadDetected.class)).singleElement().satisfies(e -> {
      assertThat(e.insight().handleTime()).isEqualTo(Duration.ofMinutes(1));
      assertThat(e.insight().atRisk()).as("a2 starts after 2 minutes").isEqualTo(1);
    });
  }

  /**
   * Ted (as defined) and ann are available; Ted owns acme and holds one chat; acme's a1, due in 20
   * minutes, waits up to an hour for him in the "own" queue.
   */
  private static Fixture tedBusyWithAcmeWaiting(Agent ted) {
    Fixture g = Fixture.of(b -> b.queue("own", RoutingPolicy.of(
        PolicyStep.waitFor(Target.ownAgent(), Duration.ofHours(1)),
        PolicyStep.untilAnswered(Target.requiredSkills()))));
    g.addAvailable(ted, Fixture.chatAgent("ann", 1));
    g.ok(g.sb.supervisor().moveAccount("acme", "ted"));
    g.submit(Fixture.chatBuilder("busy").customer("other").build());
    g.ok(g.sb.supervisor().moveItem("busy", "ted"));
    g.accept("ted", "busy");
    g.submit(WorkItem.builder("a1", Channel.CHAT).customer("acme").queue("own")
        .slaTarget(Duration.ofMinutes(20)).build());
    return g;
  }

  @Test
  void overload_isFoundByTheClockAlone_whenTheBacklogOnlyAges() {
    Fixture g = tedBusyWithAcmeWaiting(Fixture.chatAgent("ted", 1));
    Instant queued = g.clock.instant();
    assertThat(g.events(OverloadDetected.class)).as("a1 starts after busy, in 5 of its 20 minutes")
        .isEmpty();

    // no command and no completion: only time passes, until starting in 5 minutes is too late
    g.advance(Duration.ofMinutes(15));
    assertThat(g.events(OverloadDetected.class)).as("at 15 minutes a1 would start just in time")
        .isEmpty();
    g.advance(Duration.ofNanos(1));
    assertThat(g.events(OverloadDetected.class)).singleElement().satisfies(e -> {
      assertThat(e.at()).isEqualTo(queued.plus(Duration.ofMinutes(15)).plusNanos(1));
      assertThat(e.insight().agentId()).isEqualTo("ted");
      assertThat(e.insight().atRisk()).isEqualTo(1);
      assertThat(e.insight().accounts()).singleElement().satisfies(a -> {
        assertThat(a.customerId()).isEqualTo("acme");
        assertThat(a.candidates()).extracting(OverloadInsight.Candidate::agentId)
            .containsExactly("ann");
      });
    });
    assertThat(g.holder("a1")).as("still waiting for its own agent").isEmpty();
  }

  @Test
  void overloadTimer_followsTheAgentsLoad_whenMoreWorkIsOfferedToHim() {
    Fixture g = tedBusyWithAcmeWaiting(Agent.builder("ted").capacity(Channel.CHAT, 1)
        .capacity(Channel.EMAIL, 1).build());
    Instant queued = g.clock.instant();
    // one of two places taken: a1 could start at once, so it comes at risk only at 20 minutes;
    // then an email fills Ted's second place, and a1 must wait a 5-minute handle
    g.submit(WorkItem.builder("e1", Channel.EMAIL).customer("other").build());
    assertThat(g.holder("e1")).contains("ted");
    g.accept("ted", "e1");

    g.advance(Duration.ofMinutes(15).plusNanos(1));
    assertThat(g.events(OverloadDetected.class)).singleElement().satisfies(e -> {
      assertThat(e.at()).isEqualTo(queued.plus(Duration.ofMinutes(15)).plusNanos(1));
      assertThat(e.insight().agentId()).isEqualTo("ted");
    });
  }

  @Test
  void agentQueue_ofAnUnknownAgent_isRejected() {
    f.rejected(f.sb.supervisor().agentQueue("nobody"), Reason.UNKNOWN_AGENT);
  }

  @Test
  void mergeCustomers_combinesRecentAgents_andTakesTheOwner() {
    f.addAvailable(Fixture.chatAgent("ann", 1), Fixture.chatAgent("bob", 1));
    f.submit(personal("e1", "acme-mail"));
    f.accept("ann", "e1");
    f.complete("ann", "e1");
    f.ok(f.sb.supervisor().moveAccount("acme-mail", "bob"));
    int mark = f.mark();
    f.ok(f.sb.supervisor().mergeCustomers("acme-mail", "acme"));
    assertThat(f.eventsSince(mark, CustomersMerged.class)).singleElement()
        .satisfies(m -> assertThat(m.intoCustomerId()).isEqualTo("acme"));
    assertThat(f.eventsSince(mark, OwnerChanged.class)).singleElement()
        .satisfies(o -> assertThat(o.reason()).isEqualTo("merged"));
    Relationships acme = f.ok(f.sb.supervisor().relationships("acme"));
    assertThat(acme.owner()).contains("bob");
    assertThat(acme.recentAgentIds()).containsExactly("ann");
    assertThat(f.ok(f.sb.supervisor().relationships("acme-mail")))
        .isEqualTo(Relationships.none("acme-mail"));
  }

  @Test
  void mergeCustomers_intoItself_isRejected() {
    f.rejectedUnchanged(() -> f.sb.supervisor().mergeCustomers("acme", "acme"),
        Reason.INVALID_VALUE);
  }

  @Test
  void overload_isDetected_namingAccountsAndWhoKnowsThem() {
    f.addAvailable(Fixture.chatAgent("ted", 1), Fixture.chatAgent("ann", 1),
        Fixture.chatAgent("bob", 1));
    // bob has served globex before, so he is the better home for that account
    f.submit(personal("old", "globex"));
    assertThat(f.holder("old")).contains("ted");
    f.ok(f.sb.supervisor().moveItem("old", "bob"));
    f.accept("bob", "old");
    f.complete("bob", "old");
    ownedByTed("acme", "globex");
    f.submit(Fixture.chatBuilder("busy").customer("other").build());
    f.ok(f.sb.supervisor().moveItem("busy", "ted"));
    f.accept("ted", "busy");
    f.submit(WorkItem.builder("a1", Channel.CHAT).customer("acme").queue(AffinityRoutingTest.PERSONAL)
        .slaTarget(Duration.ofMinutes(20)).build());
    assertThat(f.events(OverloadDetected.class)).as("starts after busy, in 5 minutes: fits")
        .isEmpty();
    f.submit(WorkItem.builder("g1", Channel.CHAT).customer("globex").queue(AffinityRoutingTest.PERSONAL)
        .slaTarget(Duration.ofMinutes(4)).build());
    assertThat(f.events(OverloadDetected.class)).singleElement().satisfies(e -> {
      OverloadInsight i = e.insight();
      assertThat(i.agentId()).isEqualTo("ted");
      assertThat(i.personalBacklog()).isEqualTo(2);
      assertThat(i.atRisk()).as("g1 (due in 4) starts after busy, in 5; a1 in 10, due in 20")
          .isEqualTo(1);
      assertThat(i.handleTime()).isEqualTo(Duration.ofMinutes(5));
      assertThat(i.accounts()).singleElement().satisfies(a -> {
        assertThat(a.customerId()).isEqualTo("globex");
        assertThat(a.waitingItems()).isEqualTo(1);
        assertThat(a.candidates()).extracting(OverloadInsight.Candidate::agentId)
            .as("bob knows globex").containsExactly("bob", "ann");
        assertThat(a.candidates().get(0).knowsCustomer()).isTrue();
      });
    });
  }
}
