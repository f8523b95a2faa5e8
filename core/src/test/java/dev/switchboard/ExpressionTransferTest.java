package dev.switchboard;

import static dev.switchboard.Fixture.chatBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.SlaEscalated;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Transfers and SLA escalations to any agent meeting a routing expression, on the manual clock. */
class ExpressionTransferTest {

  private static final String SENIOR_OR_ESCALATIONS = "billing >= 5 or escalations >= 1";

  /** Chat items wait for the tech team; a breach of two minutes sends them to the expression. */
  private static Fixture escalating(SlaEscalation... onBreach) {
    return Fixture.of(b -> b.skills("billing", "escalations")
        .agentAttributes("region")
        .queue("tech", RoutingPolicy.of(PolicyStep.waitFor(Target.team("tech"),
            Duration.ofMinutes(30)), PolicyStep.untilAnswered(Target.requiredSkills())))
        .slaPolicy(SlaPolicy.builder("chat").channel(Channel.CHAT)
            .firstResponse(Duration.ofMinutes(2)).onBreach(onBreach).build()));
  }

  private static Agent.Builder agent(String id) {
    return Agent.builder(id).capacity(Channel.CHAT, 1);
  }

  /** A tech agent logged in but away: the tech step is staffed, so items wait there. */
  private static void techLeadAway(Fixture f) {
    f.add(agent("lead").team("tech").build());
    f.ok(f.sb.setPresence("lead", Presence.away("meeting")));
  }

  @Test
  void slaBreach_reassignsToTheExpression_andTheAgentMeetingItGetsTheItem() {
    Fixture f = escalating(SlaEscalation.reassign(
        TransferTarget.matching(SENIOR_OR_ESCALATIONS)));
    f.addAvailable(agent("junior").skill("billing", 3).build(),
        agent("senior").skill("billing", 6).build());
    f.add(agent("escalator").skill("escalations", 1).build());
    techLeadAway(f);
    f.submit(chatBuilder("c1").queue("tech").build());
    f.submit(chatBuilder("c2").queue("tech").build());
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED); // nobody of the tech team

    f.advance(Duration.ofMinutes(2));
    assertThat(f.holder("c1")).contains("senior");
    assertThat(f.state("c2")).isEqualTo(ItemState.QUEUED); // junior meets neither branch
    assertThat(f.events(ItemTransferred.class)).extracting(ItemTransferred::target)
        .containsOnly(TransferTarget.matching(SENIOR_OR_ESCALATIONS));
    assertThat(f.events(SlaEscalated.class)).extracting(SlaEscalated::itemId)
        .containsExactly("c1", "c2");

    // pinned to the expression: a tech agent does not take it, the escalations agent does
    f.addAvailable(agent("techie").team("tech").build());
    assertThat(f.state("c2")).isEqualTo(ItemState.QUEUED);
    f.available("escalator");
    assertThat(f.holder("c2")).contains("escalator");
  }

  @Test
  void expressionNobodyMeets_itemWaits_andItsSlaEscalationsStillRun() {
    Fixture f = escalating(SlaEscalation.raisePriority(10), SlaEscalation.widenPool());
    f.addAvailable(agent("junior").skill("billing", 3).build());
    techLeadAway(f);
    f.submit(chatBuilder("c1").queue("tech").build());
    f.ok(f.sb.transfer("c1", TransferTarget.matching("billing >= 9")));
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
    int before = f.item("c1").orElseThrow().priority();

    f.advance(Duration.ofMinutes(2));
    EngineSnapshot.ItemView c1 = f.item("c1").orElseThrow();
    assertThat(c1.priority()).isEqualTo(before + 10);
    assertThat(c1.step()).isZero(); // widening does not apply to a pinned item
    assertThat(f.events(StepEscalated.class)).isEmpty();
    assertThat(f.events(SlaEscalated.class)).extracting(SlaEscalated::action)
        .containsExactly(SlaEscalation.raisePriority(10));
    assertThat(f.rejected(f.sb.transfer("c1", TransferTarget.nextStep()), Reason.WRONG_STATE))
        .hasMessageContaining("waiting for agents meeting 'billing >= 9'");

    f.advance(Duration.ofHours(1)); // the step's wait does not run for a pinned item either
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(agent("expert").skill("billing", 9).build());
    assertThat(f.holder("c1")).contains("expert");
  }

  @Test
  void expressionReadingTheItem_isBoundToTheTransferredItem() {
    Fixture f = escalating();
    f.addAvailable(agent("eu").attribute("region", "EU").build(),
        agent("us").attribute("region", "US").build());
    f.submit(chatBuilder("c1").queue("tech").attribute("region", "US").build());
    f.ok(f.sb.transfer("c1", TransferTarget.matching("agent.region == item.region")));
    assertThat(f.holder("c1")).contains("us");
  }

  @Test
  void holderRemoved_itemKeepsWaitingForTheExpression() {
    Fixture f = escalating();
    f.addAvailable(agent("s1").skill("billing", 5).build());
    f.submit(chatBuilder("c1").queue("tech").build());
    f.ok(f.sb.transfer("c1", TransferTarget.matching(SENIOR_OR_ESCALATIONS)));
    f.accept("s1", "c1");
    f.ok(f.sb.removeAgent("s1"));
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(agent("techie").team("tech").build());
    assertThat(f.state("c1")).isEqualTo(ItemState.QUEUED);
    f.addAvailable(agent("s2").skill("escalations", 2).build());
    assertThat(f.holder("c1")).contains("s2");
  }

  @Test
  void transferNamingAnUnknownSkillOrAttribute_isRejectedUnchanged() {
    Fixture f = escalating();
    f.addAvailable(agent("a").build());
    f.submit(chatBuilder("c1").queue("tech").build());
    assertThat(f.rejectedUnchanged(() -> f.sb.transfer("c1",
        TransferTarget.matching("bliling >= 5")), Reason.UNKNOWN_SKILL))
        .hasMessageContaining("item 'c1' cannot be transferred to agents meeting 'bliling >= 5'")
        .hasMessageContaining("skill 'bliling', which is not registered");
    assertThat(f.rejectedUnchanged(() -> f.sb.transfer("c1",
        TransferTarget.matching("agent.regoin == \"EU\"")), Reason.INVALID_VALUE))
        .hasMessageContaining("agent attribute 'regoin', which is not declared");
  }

  @Test
  void slaPolicyReassigningToAnUnknownSkill_isRejectedAtBuild() {
    assertThatThrownBy(() -> Switchboard.builder().skills("billing")
        .slaPolicy(SlaPolicy.builder("p").firstResponse(Duration.ofMinutes(1))
            .onBreach(SlaEscalation.reassign(TransferTarget.matching("billing >= 5 or escalatoins"
                + " >= 1"))).build())
        .buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SLA policy 'p' reassigns to agents meeting")
        .hasMessageContaining("skill 'escalatoins', which is not registered");
    assertThatThrownBy(() -> TransferTarget.matching("billing >="))
        .isInstanceOf(ExpressionSyntax.SyntaxException.class);
  }
}
