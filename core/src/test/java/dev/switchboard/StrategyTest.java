package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent.ItemOffered;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each selection strategy picks among eligible free agents as its javadoc says. */
class StrategyTest {

  private static Fixture with(SelectionStrategy s) {
    return Fixture.of(b -> b.skills("billing").selectionStrategy(s));
  }

  private static String offeredTo(Fixture f, String itemId) {
    return f.events(ItemOffered.class).stream().filter(o -> o.itemId().equals(itemId))
        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(itemId + " was not offered"))
        .agentId();
  }

  @Test
  void longestIdle_sharesWorkEvenlyOverEquallyIdleAgents() {
    Fixture f = with(SelectionStrategy.LONGEST_IDLE);
    f.addAvailable(chatAgent("ann", 1), chatAgent("bob", 1), chatAgent("cat", 1));
    Map<String, Integer> handled = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      f.clock.advance(Duration.ofSeconds(1));
      String id = "e" + i;
      f.submit(chat(id));
      String agent = f.holder(id).orElseThrow();
      handled.merge(agent, 1, Integer::sum);
      f.accept(agent, id);
      f.complete(agent, id);
    }
    assertThat(handled).isEqualTo(Map.of("ann", 10, "bob", 10, "cat", 10));
  }

  @Test
  void longestIdle_prefersTheAgentWithoutAnOfferTheLongest_overTheOrderOfAdding() {
    Fixture f = with(SelectionStrategy.LONGEST_IDLE);
    f.add(chatAgent("ann"));
    f.add(chatAgent("bob"));
    f.available("bob");
    f.clock.advance(Duration.ofSeconds(10));
    f.available("ann");
    f.clock.advance(Duration.ofSeconds(10));
    f.submit(chat("e1"));
    assertThat(offeredTo(f, "e1")).isEqualTo("bob");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e2"));
    assertThat(offeredTo(f, "e2")).isEqualTo("ann");
  }

  /**
   * ann (capacity 4) and bob (capacity 2) hold one item each; ann came back from a break after
   * bob's last offer, so ann is 25% occupied but bob has been idle longer.
   */
  private static String nextPickAfterBreak(SelectionStrategy s) {
    Fixture f = with(s);
    f.addAvailable(chatAgent("ann", 4), chatAgent("bob", 2));
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e1"));
    f.accept("ann", "e1");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e2"));
    f.accept("bob", "e2");
    f.clock.advance(Duration.ofSeconds(1));
    f.ok(f.sb.setPresence("ann", Presence.away("break")));
    f.clock.advance(Duration.ofSeconds(1));
    f.available("ann");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chat("e3"));
    return offeredTo(f, "e3");
  }

  @Test
  void leastOccupied_picksTheLowestShareOfCapacityInUse() {
    assertThat(nextPickAfterBreak(SelectionStrategy.LEAST_OCCUPIED)).isEqualTo("ann");
    assertThat(nextPickAfterBreak(SelectionStrategy.LONGEST_IDLE)).isEqualTo("bob");
  }

  @Test
  void leastOccupied_breaksEqualSharesByLongestIdle() {
    Fixture f = with(SelectionStrategy.LEAST_OCCUPIED);
    f.add(chatAgent("ann", 2));
    f.add(chatAgent("bob", 2));
    f.available("bob");
    f.clock.advance(Duration.ofSeconds(5));
    f.available("ann");
    f.clock.advance(Duration.ofSeconds(5));
    f.submit(chat("e1"));
    assertThat(offeredTo(f, "e1")).isEqualTo("bob");
  }

  @Test
  void highestProficiency_picksTheMostSkilledAgent_thenTheLongestIdle() {
    Fixture f = with(SelectionStrategy.HIGHEST_PROFICIENCY);
    f.addAvailable(Agent.builder("ann").channel(Channel.CHAT).skill("billing", 3).build());
    f.clock.advance(Duration.ofSeconds(5));
    f.addAvailable(Agent.builder("bob").channel(Channel.CHAT).skill("billing", 9).build());
    f.clock.advance(Duration.ofSeconds(5));
    f.addAvailable(Agent.builder("cat").channel(Channel.CHAT).skill("billing", 9).build());
    f.clock.advance(Duration.ofSeconds(5));
    f.submit(chatBuilder("e1").requireSkill("billing", 2).build());
    assertThat(offeredTo(f, "e1")).as("bob and cat tie at 9; bob idle longer").isEqualTo("bob");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chatBuilder("e2").requireSkill("billing", 2).build());
    assertThat(offeredTo(f, "e2")).isEqualTo("cat");
    f.clock.advance(Duration.ofSeconds(1));
    f.submit(chatBuilder("e3").requireSkill("billing", 2).build());
    assertThat(offeredTo(f, "e3")).as("bob still has room and outranks ann").isEqualTo("bob");
  }

  @Test
  void roundRobin_offersToTheNextAgentInOrderOfAdding_wrapping() {
    Fixture f = with(SelectionStrategy.ROUND_ROBIN);
    f.addAvailable(chatAgent("ann", 3), chatAgent("bob", 3), chatAgent("cat", 3));
    for (int i = 1; i <= 6; i++) {
      f.submit(chat("e" + i));
    }
    assertThat(f.events(ItemOffered.class)).extracting(ItemOffered::agentId)
        .containsExactly("ann", "bob", "cat", "ann", "bob", "cat");
  }

  @Test
  void roundRobin_skipsAnAgentWithNoRoom() {
    Fixture f = with(SelectionStrategy.ROUND_ROBIN);
    f.addAvailable(chatAgent("ann", 3), chatAgent("bob", 1), chatAgent("cat", 3));
    for (int i = 1; i <= 5; i++) {
      f.submit(chat("e" + i));
    }
    assertThat(f.events(ItemOffered.class)).extracting(ItemOffered::agentId)
        .containsExactly("ann", "bob", "cat", "ann", "cat");
  }

  @Test
  void everyStrategy_onlyOffersToAgentsWithTheRequiredSkillLevel() {
    for (SelectionStrategy s : SelectionStrategy.values()) {
      Fixture f = with(s);
      f.addAvailable(Agent.builder("ann").channel(Channel.CHAT).skill("billing", 4).build(),
          chatAgent("bob"),
          Agent.builder("cat").channel(Channel.CHAT).skill("billing", 5).build());
      f.submit(chatBuilder("e1").requireSkill("billing", 5).build());
      assertThat(offeredTo(f, "e1")).as(s.name()).isEqualTo("cat");
    }
  }

  @Test
  void longestIdle_withAFrozenClock_stillTakesTurns() {
    Fixture f = Fixture.plain();
    f.addAvailable(chatAgent("ann"), chatAgent("bob"), chatAgent("cy"));
    for (int i = 1; i <= 6; i++) {
      f.submit(chat("c" + i));
    }
    assertThat(java.util.stream.IntStream.rangeClosed(1, 6)
        .mapToObj(i -> f.holder("c" + i).orElseThrow()).toList())
        .containsExactly("ann", "bob", "cy", "ann", "bob", "cy");
  }
}
