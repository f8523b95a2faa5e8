package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CampaignSimulationTest {

  /** Four chat agents, team blue on an SMS campaign at a quarter of their time. */
  private static Simulation.Builder centre(boolean withCampaign, int contacts) {
    Simulation.Builder b = Simulation.builder()
        .engine(e -> e.slaPolicy(SlaPolicy.builder("chat").channel(Channel.CHAT)
            .firstResponse(Duration.ofSeconds(60)).build()))
        .horizon(Duration.ofHours(4)).warmUp(Duration.ofMinutes(30)).replications(3).seed(5);
    for (int i = 1; i <= 4; i++) {
      b.agent(Agent.builder("a" + i).capacity(Channel.CHAT, 1).capacity(Channel.SMS, 1)
          .team(i <= 2 ? "blue" : "red").build());
    }
    b.stream(ArrivalStream.builder("chat", Channel.CHAT).ratePerHour(30)
        .handleTime(Distribution.exponential(Duration.ofMinutes(5))).build());
    if (withCampaign) {
      b.campaign(CampaignWorkload.builder(Campaign.builder("promo", Channel.SMS).build())
          .contacts(contacts).assign(Assignee.team("blue"), Pacing.share(0.25, Duration.ofHours(1)))
          .handleTime(Distribution.fixed(Duration.ofMinutes(2))).build());
    }
    return b;
  }

  @Test
  void campaign_isBlendedNearItsTargetShare_andReportsContactsHandled() {
    SimulationReport report = centre(true, 1000).build().run();

    CampaignKpis promo = report.campaigns().get("promo");
    assertThat(promo.targetShare()).isEqualTo(0.25);
    // pacing blends work in while the share is below target: it ends close above it
    assertThat(promo.shareAchieved().mean()).isBetween(0.2, 0.4);
    assertThat(promo.contactsHandled().mean()).isGreaterThan(20);
    assertThat(promo.contactsPending().mean()).isGreaterThan(0);
    // campaign items are not arrivals: the chat stream alone is counted
    assertThat(report.byChannel()).containsOnlyKeys("chat");
    assertThat(report.toJson()).contains("\"campaigns\": {\n    \"promo\": {\n"
        + "      \"targetShare\": 0.25,\n      \"shareAchieved\": ");
    assertThat(report.toHtml("t")).contains("<h2>Campaigns</h2>");
  }

  @Test
  void shortList_isWorkedThrough() {
    SimulationReport report = centre(true, 5).build().run();

    assertThat(report.campaigns().get("promo").contactsPending().mean()).isZero();
    assertThat(report.campaigns().get("promo").contactsHandled().mean()).isLessThanOrEqualTo(5);
  }

  @Test
  void withoutCampaign_theReportHasNoCampaigns_andInboundArrivalsAreTheSame() {
    SimulationReport plain = centre(false, 0).build().run();
    SimulationReport blended = centre(true, 1000).build().run();

    assertThat(plain.campaigns()).isEmpty();
    assertThat(plain.toJson()).doesNotContain("campaigns");
    // the campaign draws from its own random stream: the same customers arrive
    assertThat(blended.overall().items().mean()).isEqualTo(plain.overall().items().mean());
    // first-response breaches are counted over inbound chats only, and stay rates
    assertThat(blended.overall().slaBreachRate().mean()).isBetween(0.0, 1.0);
    assertThat(blended.overall().slaBreachRate().mean())
        .isGreaterThanOrEqualTo(plain.overall().slaBreachRate().mean() - 0.05);
  }

  @Test
  void campaignForAnUnknownTeam_orSkill_isRejectedAtBuild() {
    Campaign badSkill = Campaign.builder("x", Channel.SMS).requireSkill("nope", 3).build();
    assertThatThrownBy(() -> centre(false, 0).campaign(CampaignWorkload.builder(badSkill)
        .contacts(3).assign(Assignee.team("blue"), Pacing.onlyWhenIdle())
        .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("campaign 'x'");
    assertThatThrownBy(() -> CampaignWorkload.builder(badSkill).contacts(0)
        .assign(Assignee.team("blue"), Pacing.onlyWhenIdle())
        .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build())
        .hasMessageContaining("contacts is 0; allowed: at least 1");
    assertThatThrownBy(() -> centre(true, 3).campaign(CampaignWorkload.builder(
        Campaign.builder("promo", Channel.SMS).build()).contacts(1)
        .assign(Assignee.agent("a1"), Pacing.onlyWhenIdle())
        .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build()))
        .hasMessageContaining("a campaign with id 'promo' already exists");
  }
}
