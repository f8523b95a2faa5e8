package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignBlendingTest {

  private static final Pacing A_QUARTER_OF_AN_HOUR = Pacing.share(0.25, Duration.ofHours(1));

  private final Fixture f = Fixture.of(b -> b.slaPolicy(SlaPolicy.builder("chat")
      .channel(Channel.CHAT).resolution(Duration.ofMinutes(20)).warnAt(0.5).build()));

  private static Agent ted() {
    return Agent.builder("ted").capacity(Channel.CHAT, 2).capacity(Channel.EMAIL, 1)
        .capacity(Channel.SMS, 1).team("blue").build();
  }

  /** An SMS campaign with contacts k1..kn, assigned to the assignee. */
  private void smsCampaign(Assignee assignee, Pacing pacing, int contacts) {
    f.ok(f.sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    List<CampaignContact> list = new java.util.ArrayList<>();
    for (int i = 1; i <= contacts; i++) {
      list.add(new CampaignContact("k" + i, "cust-k" + i, Map.of("offer", "10% off")));
    }
    f.ok(f.sb.supervisor().addContacts("promo", list));
    f.ok(f.sb.supervisor().assignCampaign(new CampaignAssignment("promo", assignee, pacing)));
  }

  private List<String> blended() {
    return f.events(CampaignWorkBlended.class).stream().map(CampaignWorkBlended::itemId).toList();
  }

  @Test
  void idleAgent_isOfferedCampaignWork_asAnItemForTheContact() {
    f.add(ted());
    smsCampaign(Assignee.agent("ted"), A_QUARTER_OF_AN_HOUR, 2);
    assertThat(blended()).isEmpty();                 // ted is offline
    f.available("ted");
    assertThat(blended()).containsExactly("promo/k1#1");
    assertThat(f.holder("promo/k1#1")).contains("ted");
    WorkItem item = f.item("promo/k1#1").orElseThrow().item();
    assertThat(item.customerId()).isEqualTo("cust-k1");
    assertThat(item.attributes()).containsEntry("campaign", "promo").containsEntry("contact", "k1")
        .containsEntry("offer", "10% off");
    assertThat(f.events(CampaignWorkBlended.class).get(0).shareBefore()).isZero();
  }

  @Test
  void inboundWorkWaitingForTheAgent_goesFirst() {
    f.add(Agent.builder("ted").capacity(Channel.SMS, 1).build());
    smsCampaign(Assignee.agent("ted"), Pacing.onlyWhenIdle(), 1);
    f.submit(WorkItem.builder("sms-in", Channel.SMS).customer("c").build());
    f.available("ted");
    assertThat(f.holder("sms-in")).contains("ted");
    assertThat(blended()).isEmpty();
    f.accept("ted", "sms-in");
    f.complete("ted", "sms-in");
    assertThat(blended()).containsExactly("promo/k1#1");
  }

  @Test
  void onlyWhenIdle_waitsUntilTheAgentHoldsNothing() {
    f.addAvailable(ted());
    f.submit(Fixture.chat("chat-1"));
    f.accept("ted", "chat-1");
    smsCampaign(Assignee.agent("ted"), Pacing.onlyWhenIdle(), 1);
    assertThat(blended()).isEmpty();
    f.complete("ted", "chat-1");
    assertThat(blended()).containsExactly("promo/k1#1");
  }

  @Test
  void heldInboundWorkAtRisk_withholdsCampaignWork_untilItIsDone() {
    f.addAvailable(ted());
    f.submit(Fixture.chat("chat-1"));
    f.accept("ted", "chat-1");
    f.advance(Duration.ofMinutes(10));               // chat-1's resolution warning
    assertThat(f.events(SlaWarning.class)).hasSize(1);
    smsCampaign(Assignee.agent("ted"), A_QUARTER_OF_AN_HOUR, 1);
    assertThat(blended()).as("ted's chat is at risk").isEmpty();
    f.complete("ted", "chat-1");
    assertThat(blended()).containsExactly("promo/k1#1");
  }

  @Test
  void waitingInboundWorkAtRisk_withholdsCampaignWork_untilSomeoneTakesIt() {
    f.addAvailable(ted());
    f.submit(Fixture.chat("chat-1"));
    f.submit(Fixture.chat("chat-2"));
    f.accept("ted", "chat-1");
    f.accept("ted", "chat-2");
    f.submit(Fixture.chat("chat-3"));                // ted is full on chat: chat-3 waits
    f.advance(Duration.ofMinutes(10));
    smsCampaign(Assignee.agent("ted"), A_QUARTER_OF_AN_HOUR, 1);
    assertThat(blended()).as("chat-3 is at risk and ted could take it").isEmpty();
    f.addAvailable(Agent.builder("ann").channel(Channel.CHAT).build());
    f.accept("ann", "chat-3");
    assertThat(f.events(SlaWarning.class)).extracting(SlaWarning::itemId)
        .containsExactly("chat-1", "chat-2", "chat-3");
    assertThat(blended()).as("only ted's own held chats were at risk").isEmpty();
    f.complete("ted", "chat-1");
    f.complete("ted", "chat-2");
    assertThat(blended()).containsExactly("promo/k1#1");
  }

  @Test
  void pacing_keepsTheCampaignShareNearItsTarget() {
    f.addAvailable(ted());
    smsCampaign(Assignee.agent("ted"), A_QUARTER_OF_AN_HOUR, 3);
    assertThat(blended()).containsExactly("promo/k1#1");   // nothing measured yet: share 0
    f.accept("ted", "promo/k1#1");
    f.advance(Duration.ofMinutes(3));
    f.complete("ted", "promo/k1#1");                 // 3 of 3 busy minutes: withheld
    CampaignReport.Share share = f.ok(f.sb.supervisor().campaignReport()).share("promo", "ted").orElseThrow();
    assertThat(share.achieved()).isEqualTo(1.0);
    assertThat(share.target()).hasValue(0.25);
    assertThat(share.campaignTime()).isEqualTo(Duration.ofMinutes(3));
    f.submit(Fixture.chat("chat-1"));
    f.accept("ted", "chat-1");
    f.advance(Duration.ofMinutes(6));
    f.complete("ted", "chat-1");                     // 3 of 9: a third, still above target
    assertThat(blended()).hasSize(1);
    f.submit(Fixture.chat("chat-2"));
    f.accept("ted", "chat-2");
    f.advance(Duration.ofMinutes(4));
    f.complete("ted", "chat-2");                     // 3 of 13: below target again
    assertThat(blended()).containsExactly("promo/k1#1", "promo/k2#1");
    assertThat(f.events(CampaignWorkBlended.class).get(1).shareBefore()).isEqualTo(3.0 / 13);
    share = f.ok(f.sb.supervisor().campaignReport()).share("promo", "ted").orElseThrow();
    assertThat(share.busyTime()).isEqualTo(Duration.ofMinutes(13));
  }

  @Test
  void aPacingWindowMovingOn_letsWithheldWorkThroughWithoutAnotherCommand() {
    f.addAvailable(ted());
    smsCampaign(Assignee.agent("ted"), Pacing.share(0.5, Duration.ofHours(1)), 2);
    f.accept("ted", "promo/k1#1");
    f.advance(Duration.ofMinutes(5));
    f.complete("ted", "promo/k1#1");                 // all busy time was campaign: withheld
    assertThat(blended()).hasSize(1);
    f.advance(Duration.ofHours(2));                  // the window forgets that work
    assertThat(blended()).containsExactly("promo/k1#1", "promo/k2#1");
  }

  @Test
  void outcomesAreRecorded_andARejectedContactGoesBackOnTheListForSomeoneElse() {
    f.addAvailable(ted());
    f.add(Agent.builder("ann").capacity(Channel.SMS, 1).team("blue").build());
    smsCampaign(Assignee.team("blue"), Pacing.onlyWhenIdle(), 2);
    f.ok(f.sb.reject("ted", "promo/k1#1"));
    assertThat(f.events(ItemCancelled.class)).extracting(ItemCancelled::itemId)
        .containsExactly("promo/k1#1");
    assertThat(blended()).as("ted gets the next contact, not k1 again")
        .containsExactly("promo/k1#1", "promo/k2#1");
    f.accept("ted", "promo/k2#1");
    f.ok(f.sb.complete("ted", "promo/k2#1", Outcome.of("sale")));
    assertThat(blended()).as("k1 waits for someone other than ted").hasSize(2);
    f.available("ann");
    assertThat(blended()).containsExactly("promo/k1#1", "promo/k2#1", "promo/k1#2");
    f.accept("ann", "promo/k1#2");
    f.ok(f.sb.complete("ann", "promo/k1#2", Outcome.of("no-answer")));
    CampaignReport.Progress progress = f.ok(f.sb.supervisor().campaignReport()).campaign("promo")
        .orElseThrow();
    assertThat(progress.pending()).isZero();
    assertThat(progress.inProgress()).isZero();
    assertThat(progress.outcomes()).containsExactly(Map.entry("sale", 1L),
        Map.entry("no-answer", 1L));
  }

  @Test
  void teamAssignment_reachesMembers_andUnassigningStopsNewWork() {
    f.addAvailable(ted(), Agent.builder("ann").capacity(Channel.SMS, 1).team("red").build());
    smsCampaign(Assignee.team("blue"), Pacing.onlyWhenIdle(), 3);
    assertThat(f.events(CampaignWorkBlended.class)).extracting(CampaignWorkBlended::agentId)
        .containsExactly("ted");
    f.ok(f.sb.supervisor().unassignCampaign("promo", Assignee.team("blue")));
    f.accept("ted", "promo/k1#1");
    f.complete("ted", "promo/k1#1");
    assertThat(blended()).hasSize(1);
    assertThat(f.holder("promo/k1#1")).isEmpty();
    f.ok(f.sb.supervisor().assignCampaign(new CampaignAssignment("promo", Assignee.agent("ann"),
        Pacing.onlyWhenIdle())));
    assertThat(f.events(CampaignWorkBlended.class)).extracting(CampaignWorkBlended::agentId)
        .containsExactly("ted", "ann");
  }

  @Test
  void transferredCampaignWork_isRoutedLikeAnyOther() {
    f.addAvailable(ted(), Agent.builder("ann").capacity(Channel.SMS, 1).build());
    smsCampaign(Assignee.agent("ted"), Pacing.onlyWhenIdle(), 1);
    f.ok(f.sb.transfer("promo/k1#1", TransferTarget.agent("ann")));
    assertThat(f.holder("promo/k1#1")).contains("ann");
    f.ok(f.sb.reject("ann", "promo/k1#1"));
    assertThat(f.events(ItemCancelled.class)).isEmpty();   // waits for ann, as transfers do
  }

  @Test
  void badCampaignCommands_areRejectedNamingWhatWasWrong() {
    f.add(ted());
    f.ok(f.sb.supervisor().addCampaign(Campaign.builder("promo", Channel.SMS).build()));
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().addCampaign(
        Campaign.builder("promo", Channel.EMAIL).build()), Reason.DUPLICATE_CAMPAIGN))
        .hasMessageContaining("campaign 'promo' already exists");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().addContacts("nope", List.of()),
        Reason.UNKNOWN_CAMPAIGN)).hasMessageContaining("no campaign 'nope'");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().addContacts("promo", List.of(
        CampaignContact.of("k1", "c"), CampaignContact.of("k1", "d"))), Reason.INVALID_VALUE))
        .hasMessageContaining("contact 'k1' appears twice");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().assignCampaign(new CampaignAssignment("promo",
        Assignee.agent("ghost"), Pacing.onlyWhenIdle())), Reason.UNKNOWN_AGENT))
        .hasMessageContaining("no agent 'ghost'");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().unassignCampaign("promo", Assignee.team("red")),
        Reason.WRONG_STATE)).hasMessageContaining("is not assigned to campaign 'promo'");
    assertThat(f.rejectedUnchanged(() -> f.sb.supervisor().addCampaign(Campaign.builder("x", Channel.SMS)
        .queue("nope").build()), Reason.UNKNOWN_QUEUE)).hasMessageContaining("'nope'");
    f.thrownUnchanged(() -> Pacing.share(1.5, Duration.ofHours(1)));
    f.thrownUnchanged(() -> Campaign.builder("c".repeat(41), Channel.SMS).build());
    assertThat(f.thrownUnchanged(() -> f.sb.supervisor().addContacts("promo", null))).hasMessage("contacts");
    assertThat(f.thrownUnchanged(() -> f.sb.supervisor().addCampaign(null))).hasMessage("campaign");
    assertThat(f.thrownUnchanged(() -> f.sb.supervisor().assignCampaign(null))).hasMessage("assignment");
    assertThat(f.thrownUnchanged(() -> f.sb.supervisor().unassignCampaign("promo", null)))
        .hasMessage("assignee");
    assertThat(f.thrownUnchanged(() -> f.sb.supervisor().unassignCampaign(" ", Assignee.team("red"))))
        .hasMessage("campaignId must not be blank");
    assertThat(f.thrownUnchanged(() -> f.sb.awaitCustomer("ted", null))).hasMessage("itemId");
  }
}
