package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Campaigns assigned to every agent meeting a routing expression, on the manual clock. */
class ExpressionAssigneeTest {

  private static final Assignee NOT_TRAINEES = Assignee.matching("not agent.team == \"trainees\"");

  private final Fixture f = Fixture.of(b -> b.skills("sales").agentAttributes("grade"));

  private static Agent.Builder agent(String id) {
    return Agent.builder(id).capacity(Channel.SMS, 1);
  }

  /** An SMS campaign with contacts k1..kn. */
  private void campaign(int contacts) {
    f.ok(f.sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    List<CampaignContact> list = new ArrayList<>();
    for (int i = 1; i <= contacts; i++) {
      list.add(new CampaignContact("k" + i, "cust-k" + i, Map.of()));
    }
    f.ok(f.sb.supervisor().addContacts("promo", list));
  }

  private void assign(Assignee who) {
    f.ok(f.sb.supervisor().assignCampaign(new CampaignAssignment("promo", who,
        Pacing.onlyWhenIdle())));
  }

  private List<String> blendedTo() {
    return f.events(CampaignWorkBlended.class).stream().map(CampaignWorkBlended::agentId)
        .toList();
  }

  @Test
  void notTeamAssignee_blendsToEveryoneButTheTeam() {
    campaign(5);
    f.addAvailable(agent("trainee").team("trainees").build(), agent("pro").team("blue").build(),
        agent("loner").build());
    assign(NOT_TRAINEES);
    assertThat(blendedTo()).containsExactlyInAnyOrder("pro", "loner");

    // membership is read when work is blended: a trainee who leaves the team gets work
    f.ok(f.sb.updateAgent(agent("trainee").team("blue").build()));
    f.ok(f.sb.setPresence("trainee", Presence.AVAILABLE));
    assertThat(blendedTo()).containsExactlyInAnyOrder("pro", "loner", "trainee");

    f.ok(f.sb.supervisor().unassignCampaign("promo", NOT_TRAINEES));
    String held = f.agentView("loner").itemIds().get(0);
    f.accept("loner", held);
    f.complete("loner", held);
    assertThat(blendedTo()).hasSize(3); // off the campaign: nothing more
  }

  @Test
  void ownAndTeamAssignments_takePrecedenceOverTheExpression() {
    campaign(2);
    f.addAvailable(agent("pro").team("blue").attribute("grade", 3).build());
    assign(Assignee.matching("agent.grade >= 5"));
    assertThat(blendedTo()).isEmpty(); // grade 3 does not meet it
    assign(Assignee.team("blue"));
    assertThat(blendedTo()).containsExactly("pro");
  }

  @Test
  void assigneeNamingAnUnknownSkillOrAttribute_isRejectedUnchanged() {
    campaign(1);
    f.addAvailable(agent("pro").build());
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().assignCampaign(
        new CampaignAssignment("promo", Assignee.matching("slaes >= 1"), Pacing.onlyWhenIdle())),
        Reason.UNKNOWN_SKILL))
        .hasMessageContaining("campaign 'promo' cannot be assigned to agents meeting 'slaes >= 1'")
        .hasMessageContaining("skill 'slaes', which is not registered");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().assignCampaign(
        new CampaignAssignment("promo", Assignee.matching("agent.grdae > 1"),
            Pacing.onlyWhenIdle())), Reason.INVALID_VALUE))
        .hasMessageContaining("agent attribute 'grdae', which is not declared");
    assertThatThrownBy(() -> Assignee.matching("agent.grade == item.grade"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reads an item attribute");
  }
}
