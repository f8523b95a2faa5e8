package dev.switchboard;

import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.event.RoutingEvent.ItemQueued;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Policy steps whose target is a routing expression: or, not, attributes, item attributes. */
class ExpressionRoutingTest {

  private static Fixture with(String queue, String expression) {
    return Fixture.of(b -> b.skills("billing", "escalations")
        .queue(queue, RoutingPolicy.of(PolicyStep.untilAnswered(Target.of(expression)))));
  }

  private static Agent.Builder agent(String id) {
    return Agent.builder(id).capacity(Channel.CHAT, 1);
  }

  @Test
  void bilingualLine_eachLanguageReachesItsSpeakersAndBilingualAgentsTakeBoth() {
    Fixture f = with("line", "agent.languages has item.language");
    f.addAvailable(agent("en-only").attribute("languages", Set.of("en")).build());
    f.add(agent("es-only").attribute("languages", Set.of("es")).build());
    f.add(agent("both").attribute("languages", Set.of("en", "es")).build());
    f.submit(chatBuilder("es1").queue("line").attribute("language", "es").build());
    assertThat(f.state("es1")).isEqualTo(ItemState.QUEUED); // the English speaker is free only
    f.submit(chatBuilder("en1").queue("line").attribute("language", "en").build());
    assertThat(f.holder("en1")).contains("en-only");
    f.available("both");
    assertThat(f.holder("es1")).contains("both");
    f.submit(chatBuilder("es2").queue("line").attribute("language", "es").build());
    f.submit(chatBuilder("en2").queue("line").attribute("language", "en").build());
    f.available("es-only");
    assertThat(f.holder("es2")).contains("es-only");
    assertThat(f.state("en2")).isEqualTo(ItemState.QUEUED);
    f.submit(chatBuilder("fr1").queue("line").attribute("language", "fr").build());
    f.submit(chatBuilder("none").queue("line").build());
    assertThat(f.state("fr1")).isEqualTo(ItemState.QUEUED);
    assertThat(f.state("none")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void regionRule_followsTheItemsAttribute() {
    Fixture f = with("licensed", "agent.state == item.state");
    f.addAvailable(agent("ca").attribute("state", "CA").build(),
        agent("ny").attribute("state", "NY").build(), agent("nowhere").build());
    f.submit(chatBuilder("n1").queue("licensed").attribute("state", "NY").build());
    f.submit(chatBuilder("c1").queue("licensed").attribute("state", "CA").build());
    f.submit(chatBuilder("c2").queue("licensed").attribute("state", "CA").build());
    assertThat(f.holder("n1")).contains("ny");
    assertThat(f.holder("c1")).contains("ca");
    assertThat(f.state("c2")).isEqualTo(ItemState.QUEUED);
    f.accept("ca", "c1");
    f.complete("ca", "c1");
    assertThat(f.holder("c2")).contains("ca");
  }

  @Test
  void orBetweenSkillLevels_admitsEitherBranchOnly() {
    Fixture f = with("billing", "billing >= 5 or billing >= 3 and escalations >= 1");
    f.addAvailable(agent("junior").skill("billing", 3).build());
    f.submit(chatBuilder("b1").queue("billing").build());
    assertThat(f.state("b1")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(agent("escalator").skill("billing", 3).skill("escalations", 2).build(),
        agent("senior").skill("billing", 7).build());
    assertThat(f.holder("b1")).contains("escalator");
    f.submit(chatBuilder("b2").queue("billing").build());
    assertThat(f.holder("b2")).contains("senior");
    f.submit(chatBuilder("b3").queue("billing").build());
    assertThat(f.events(ItemQueued.class)).extracting(ItemQueued::itemId)
        .containsExactly("b1", "b3");
  }

  @Test
  void notExcludesATeam() {
    Fixture f = with("grown-ups", "not agent.team == \"trainees\"");
    f.addAvailable(agent("t1").team("trainees").build());
    f.submit(chatBuilder("g1").queue("grown-ups").build());
    assertThat(f.state("g1")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(agent("loner").build());
    assertThat(f.holder("g1")).contains("loner");
  }

  @Test
  void highestProficiency_ordersBySkillsTheExpressionNames() {
    Fixture f = Fixture.of(b -> b.skills("billing", "escalations")
        .selectionStrategy(SelectionStrategy.HIGHEST_PROFICIENCY)
        .queue("q", RoutingPolicy.of(PolicyStep.untilAnswered(
            Target.of("billing >= 2 or escalations >= 2")))));
    f.addAvailable(agent("low").skill("billing", 2).build(),
        agent("high").skill("billing", 4).skill("escalations", 3).build());
    f.submit(chatBuilder("i1").queue("q").build());
    assertThat(f.holder("i1")).contains("high");
  }

  @Test
  void policy_namingAnUnregisteredSkillOrUndeclaredAttribute_isRejectedAtBuild() {
    assertThatThrownBy(() -> Switchboard.builder().skills("billing")
        .queue("q", RoutingPolicy.of(PolicyStep.untilAnswered(
            Target.of("billing > 1 or bliling > 1"))))
        .buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targets skill 'bliling', which is not registered");
    assertThatThrownBy(() -> Switchboard.builder().agentAttributes("region")
        .queue("q", RoutingPolicy.of(PolicyStep.untilAnswered(
            Target.of("agent.regoin == item.region or agent.team == \"x\""))))
        .buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent attribute 'regoin', which is not declared");
  }

  @Test
  void agentAttributes_areValidatedAndKeptByToBuilder() {
    assertThatThrownBy(() -> agent("a").attribute("team", "x").build())
        .hasMessageContaining("the name is the team's");
    assertThatThrownBy(() -> agent("a").attribute("n", Double.NaN).build())
        .hasMessageContaining("allowed: a text, a finite number or a set of texts");
    Agent a = agent("a").attribute("region", "EU").attribute("tenure", 3)
        .attribute("langs", Set.of("en")).build();
    assertThat(a.toBuilder().build()).isEqualTo(a);
    assertThat(a.attributes()).containsEntry("tenure", 3.0).containsEntry("langs", Set.of("en"));
  }
}
