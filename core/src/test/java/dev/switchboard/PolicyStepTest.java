package dev.switchboard;

import static dev.switchboard.Fixture.T0;
import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy steps widen the pool over time, skip empty steps, boost priority; SLA deadlines fire. */
class PolicyStepTest {

  private static final RoutingPolicy TED_THEN_ANYONE = RoutingPolicy.of(
      PolicyStep.waitFor(Target.agents("ted"), Duration.ofSeconds(30)),
      PolicyStep.untilAnswered(Target.skills(Map.of())));

  private static Fixture tedThenAnyone(boolean skipEmptySteps) {
    Fixture f = Fixture.of(b -> b.queue("vip", TED_THEN_ANYONE).skipEmptySteps(skipEmptySteps));
    f.add(chatAgent("ted"));
    f.addAvailable(chatAgent("ann"));
    return f;
  }

  private static WorkItem vip(String id) {
    return chatBuilder(id).queue("vip").build();
  }

  @Test
  void skipEmptySteps_skipsAStepWithNobodyLoggedIn() {
    Fixture f = tedThenAnyone(true);
    f.submit(vip("v1"));
    assertThat(f.events(StepEscalated.class)).singleElement().satisfies(e -> {
      assertThat(e.fromStep()).isZero();
      assertThat(e.toStep()).isEqualTo(1);
      assertThat(e.reason()).isEqualTo("nobody logged in");
    });
    assertThat(f.holder("v1")).contains("ann");
  }

  @Test
  void skipEmptySteps_doesNotSkipAStepWhoseAgentIsLoggedInButAway() {
    Fixture f = tedThenAnyone(true);
    f.ok(f.sb.setPresence("ted", Presence.away("break")));
    f.submit(vip("v1"));
    assertThat(f.events(StepEscalated.class)).isEmpty();
    assertThat(f.events(ItemQueued.class)).singleElement()
        .satisfies(q -> assertThat(q.step()).isZero());
  }

  @Test
  void skipEmptySteps_false_waitsOutTheEmptyStep() {
    Fixture f = tedThenAnyone(false);
    f.submit(vip("v1"));
    assertThat(f.events(StepEscalated.class)).isEmpty();
    assertThat(f.item("v1").orElseThrow().step()).isZero();
    assertThat(f.state("v1")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(29));
    assertThat(f.state("v1")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(StepEscalated.class)).singleElement().satisfies(e -> {
      assertThat(e.reason()).isEqualTo("step timed out");
      assertThat(e.at()).isEqualTo(T0.plusSeconds(30));
    });
    assertThat(f.holder("v1")).contains("ann");
  }

  @Test
  void step_expiringWhileOffered_widensThePoolButKeepsTheOffer() {
    Fixture f = Fixture.of(b -> b.queue("vip", TED_THEN_ANYONE).offerTimeout(Duration.ofSeconds(60)));
    f.addAvailable(chatAgent("ted"));
    f.submit(vip("v1"));
    assertThat(f.holder("v1")).contains("ted");
    f.advance(Duration.ofSeconds(30));
    assertThat(f.item("v1").orElseThrow().step()).isEqualTo(1);
    assertThat(f.state("v1")).isEqualTo(ItemState.OFFERED);
    f.accept("ted", "v1");
    assertThat(f.state("v1")).isEqualTo(ItemState.ASSIGNED);
  }

  @Test
  void priorityBoost_onEnteringAStep_reordersTheBacklog() {
    RoutingPolicy slow = RoutingPolicy.of(
        PolicyStep.waitFor(Target.requiredSkills(), Duration.ofSeconds(10)),
        PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(50));
    Fixture f = Fixture.of(b -> b.queue("slow", slow));
    f.add(chatAgent("ann", 1));
    f.ok(f.sb.setPresence("ann", Presence.away("meeting")));
    f.submit(chatBuilder("a").queue("slow").build());
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chatBuilder("b").priority(20).build());
    assertThat(f.item("a").orElseThrow().priority()).isZero();
    f.advance(Duration.ofSeconds(9));
    assertThat(f.events(StepEscalated.class)).singleElement()
        .satisfies(e -> assertThat(e.priority()).isEqualTo(50));
    assertThat(f.item("a").orElseThrow().priority()).isEqualTo(50);
    f.available("ann");
    assertThat(f.events(ItemOffered.class)).singleElement()
        .satisfies(o -> assertThat(o.itemId()).isEqualTo("a"));
  }

  @Test
  void backlog_withoutBoost_servesHigherPriorityFirst_thenOlder() {
    Fixture f = Fixture.plain();
    f.add(chatAgent("ann", 1));
    f.submit(chat("old"));
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chatBuilder("urgent").priority(20).build());
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("young"));
    f.available("ann");
    f.accept("ann", "urgent");
    f.complete("ann", "urgent");
    f.accept("ann", "old");
    f.complete("ann", "old");
    assertThat(f.events(ItemOffered.class)).extracting(ItemOffered::itemId)
        .containsExactly("urgent", "old", "young");
  }

  @Test
  void priorityBoosts_areCappedAt100() {
    RoutingPolicy boosted = RoutingPolicy.of(
        PolicyStep.waitFor(Target.requiredSkills(), Duration.ofSeconds(10)).withPriorityBoost(60),
        PolicyStep.untilAnswered(Target.requiredSkills()).withPriorityBoost(60));
    Fixture f = Fixture.of(b -> b.queue("hot", boosted));
    f.submit(chatBuilder("a").queue("hot").priority(10).build());
    assertThat(f.item("a").orElseThrow().priority()).isEqualTo(70);
    f.advance(Duration.ofSeconds(10));
    assertThat(f.item("a").orElseThrow().priority()).isEqualTo(100);
  }

  @Test
  void slaBreach_firesAtTheDeadline() {
    Fixture f = Fixture.plain();
    f.submit(chatBuilder("s1").slaTarget(Duration.ofSeconds(60)).build());
    f.advance(Duration.ofSeconds(59));
    assertThat(f.events(SlaBreached.class)).isEmpty();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(SlaBreached.class)).singleElement().satisfies(b -> {
      assertThat(b.itemId()).isEqualTo("s1");
      assertThat(b.state()).isEqualTo(ItemState.QUEUED);
      assertThat(b.at()).isEqualTo(T0.plusSeconds(60));
    });
  }

  @Test
  void slaDeadline_countsFromTheGivenCreationTime() {
    Fixture f = Fixture.plain();
    f.submit(chatBuilder("s1").createdAt(T0.minusSeconds(50)).slaTarget(Duration.ofSeconds(60))
        .build());
    f.advance(Duration.ofSeconds(10));
    assertThat(f.events(SlaBreached.class)).singleElement()
        .satisfies(b -> assertThat(b.at()).isEqualTo(T0.plusSeconds(10)));
  }

  @Test
  void slaBreach_doesNotFireForAFinishedItem() {
    Fixture f = Fixture.plain();
    f.submit(chatBuilder("s1").slaTarget(Duration.ofSeconds(60)).build());
    f.ok(f.sb.cancel("s1"));
    f.advance(Duration.ofMinutes(2));
    assertThat(f.events(SlaBreached.class)).isEmpty();
  }

  @Test
  void teamStep_admitsOnlyTeamMembers() {
    Fixture f = Fixture.of(b -> b.queue("blue",
        RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("blue")))));
    f.addAvailable(Agent.builder("red1").channel(Channel.CHAT).team("red").build(),
        Agent.builder("blue1").channel(Channel.CHAT).team("blue").build());
    f.submit(chatBuilder("b1").queue("blue").build());
    assertThat(f.holder("b1")).contains("blue1");
  }

  @Test
  void slaBreach_doesNotFireOnceAnAgentHasTakenTheItem() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"));
    f.submit(chatBuilder("s1").slaTarget(Duration.ofSeconds(60)).build());
    f.accept("ann", "s1");
    f.advance(Duration.ofMinutes(5));
    assertThat(f.events(SlaBreached.class)).isEmpty();
  }

  @Test
  void lastAgentOfAStepLoggingOut_movesWaitingItemsOnToAStaffedLaterStep() {
    Fixture f = Fixture.of(b -> b.queue("vip", RoutingPolicy.of(
        PolicyStep.waitFor(Target.agents("ann"), Duration.ofMinutes(10)),
        PolicyStep.untilAnswered(Target.requiredSkills()))));
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 1));
    f.submit(chatBuilder("busy").build());             // ann (longest idle) takes this
    f.submit(chatBuilder("busy2").build());            // bob takes this
    f.submit(chatBuilder("v1").queue("vip").build());  // waits for ann at step 0
    assertThat(f.item("v1").orElseThrow().step()).isZero();
    f.accept("ann", "busy");
    f.accept("bob", "busy2");
    f.complete("bob", "busy2");                        // bob is free, but not at step 0
    assertThat(f.state("v1")).isEqualTo(ItemState.QUEUED);
    f.ok(f.sb.setPresence("ann", Presence.OFFLINE));   // nobody logged in at step 0 any more
    assertThat(f.item("v1").orElseThrow().step()).isEqualTo(1);
    assertThat(f.holder("v1")).contains("bob");
  }
}
