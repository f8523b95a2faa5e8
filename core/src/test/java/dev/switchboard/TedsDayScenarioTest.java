package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.campaign.Pacing;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AlertRaised;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import dev.switchboard.event.RoutingEvent.OverloadDetected;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.SlaEscalated;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.internal.reference.CheckedEngine;
import dev.switchboard.sla.Alert;
import dev.switchboard.sla.AlertLevel;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.sla.SlaReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Ted's day (seed 002): his customers write to him, their own agent, on four channels; his
 * supervisor Sue watches the SLA, moves accounts when he is overloaded and has him spend a fifth of
 * his time on an outbound campaign. On the manual clock, with the engine's invariants checked
 * after every step.
 */
class TedsDayScenarioTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

  private final ManualClock clock = new ManualClock(NINE);
  private final List<Alert> alerts = new ArrayList<>();
  private final CheckedEngine sb = TestSwitchboards.checked(Switchboard.builder()
      .clock(clock)
      .queue("personal", RoutingPolicy.of(
          PolicyStep.waitFor(Target.ownAgent(), Duration.ofMinutes(20)),
          PolicyStep.untilAnswered(Target.team("tigers"))))
      .slaPolicy(SlaPolicy.builder("personal-email").channel(Channel.EMAIL)
          .firstResponse(Duration.ofMinutes(30)).resolution(Duration.ofHours(1)).warnAt(0.75)
          .alertOnWarning(AlertRecipient.AGENT)
          .alertOnBreach(AlertRecipient.AGENT, AlertRecipient.SUPERVISOR)
          .onBreach(SlaEscalation.raisePriority(20), SlaEscalation.widenPool()).build())
      .slaPolicy(SlaPolicy.builder("calls").channel(Channel.VOICE)
          .firstResponse(Duration.ofSeconds(60)).warnAt(0.5)
          .alertOnBreach(AlertRecipient.SUPERVISOR).supervisor("sue")
          .onBreach(SlaEscalation.widenPool()).build())
      .slaPolicy(SlaPolicy.builder("messages").firstResponse(Duration.ofMinutes(15)).build())
      .alertSink(alerts::add));

  private static Agent agent(String id) {
    return Agent.builder(id).capacity(Channel.EMAIL, 3).capacity(Channel.SMS, 2)
        .capacity(Channel.CHAT, 1).capacity(Channel.VOICE, 1).exclusive(Channel.VOICE)
        .totalCapacity(3).team("tigers").supervisor("sue").build();
  }

  private <T> T ok(CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  private void at(String hhmmss) {
    clock.set(Instant.parse("2026-03-02T" + hhmmss + "Z"));
    sb.drain();
  }

  private void personal(String id, Channel channel, String customer) {
    ok(sb.submit(WorkItem.builder(id, channel).customer(customer).queue("personal").build()));
  }

  private Optional<String> holder(String itemId) {
    return ok(sb.snapshot()).item(itemId).flatMap(EngineSnapshot.ItemView::agentId);
  }

  private <E extends RoutingEvent> List<E> events(Class<E> type) {
    return sb.events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void tedsDay() {
    ok(sb.addAgent(agent("ted")));
    ok(sb.addAgent(agent("ann")));
    ok(sb.setPresence("ted", Presence.AVAILABLE));
    ok(sb.setPresence("ann", Presence.AVAILABLE));
    ok(sb.supervisor().addCampaign(Campaign.builder("spring-offers", Channel.SMS).build()));
    ok(sb.supervisor().addContacts("spring-offers", List.of(CampaignContact.of("k1", "lead-1"),
        CampaignContact.of("k2", "lead-2"), CampaignContact.of("k3", "lead-3"))));
    Map<String, String> teds = new LinkedHashMap<>();
    for (int c = 1; c <= 8; c++) {
      teds.put("cust-" + c, "ted");
    }
    ok(sb.supervisor().moveAccounts(teds));            // Ted's own customers

    // 09:00 personal work on four channels: email, SMS and chat go to Ted at once
    personal("e1", Channel.EMAIL, "cust-1");
    personal("s1", Channel.SMS, "cust-2");
    personal("c1", Channel.CHAT, "cust-3");
    for (String id : List.of("e1", "s1", "c1")) {
      assertThat(holder(id)).as(id).contains("ted");
      ok(sb.accept("ted", id));
    }

    // 09:00:30 a call: Ted is busy, so it waits for him, its own agent; at 60 s its SLA breaches,
    // Ted's supervisor Sue is alerted and the call widens to the team, where Ann takes it
    at("09:00:30");
    personal("v1", Channel.VOICE, "cust-4");
    assertThat(holder("v1")).isEmpty();
    // Ted is full and the call's minute is shorter than his handle time: he is overloaded, and
    // the insight names the call's account and who could take it
    assertThat(events(OverloadDetected.class)).singleElement().satisfies(o -> {
      assertThat(o.insight().agentId()).isEqualTo("ted");
      assertThat(o.insight().atRisk()).isEqualTo(1);
      assertThat(o.insight().accounts()).singleElement().satisfies(move -> {
        assertThat(move.customerId()).isEqualTo("cust-4");
        assertThat(move.candidates()).extracting(OverloadInsight.Candidate::agentId)
            .containsExactly("ann");
      });
    });
    at("09:01:30");
    assertThat(events(SlaBreached.class)).extracting(SlaBreached::itemId).containsExactly("v1");
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.level()).isEqualTo(AlertLevel.BREACH);
      assertThat(a.recipient()).isEqualTo(AlertRecipient.SUPERVISOR);
      assertThat(a.recipientId()).contains("sue");
      assertThat(a.agentId()).as("the call was waiting for Ted").contains("ted");
    });
    assertThat(events(SlaEscalated.class)).singleElement()
        .satisfies(e -> assertThat(e.action()).isEqualTo(SlaEscalation.widenPool()));
    assertThat(holder("v1")).contains("ann");
    ok(sb.accept("ann", "v1"));

    // 09:05 Ted answers the chat and the SMS; more email arrives than he can hold
    at("09:05:00");
    ok(sb.complete("ted", "c1", Outcome.RESOLVED));
    ok(sb.complete("ted", "s1", Outcome.RESOLVED));
    personal("e2", Channel.EMAIL, "cust-5");
    personal("e3", Channel.EMAIL, "cust-6");
    ok(sb.accept("ted", "e2"));
    ok(sb.accept("ted", "e3"));
    at("09:06:00");
    personal("e4", Channel.EMAIL, "cust-7");
    assertThat(holder("e4")).as("Ted is full").isEmpty();
    at("09:10:00");
    ok(sb.complete("ann", "v1", Outcome.RESOLVED));

    // 09:26 e4 has waited 20 minutes for Ted: it overflows to his teammate
    at("09:26:00");
    assertThat(events(StepEscalated.class)).filteredOn(s -> s.itemId().equals("e4"))
        .singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo("step timed out"));
    assertThat(holder("e4")).contains("ann");
    ok(sb.accept("ann", "e4"));

    // 09:27 still full: Sue looks at Ted's queue and moves the waiting customer's account to Ann
    at("09:27:00");
    personal("e5", Channel.EMAIL, "cust-8");
    AgentQueue tedsQueue = ok(sb.supervisor().agentQueue("ted"));
    assertThat(tedsQueue.held()).extracting(v -> v.item().id())
        .containsExactly("e1", "e2", "e3");
    assertThat(tedsQueue.waiting()).extracting(v -> v.item().id()).containsExactly("e5");
    ok(sb.supervisor().moveAccount("cust-8", "ann"));
    assertThat(events(OwnerChanged.class)).last().satisfies(o -> {
      assertThat(o.customerId()).isEqualTo("cust-8");
      assertThat(o.to()).contains("ann");
    });
    assertThat(holder("e5")).as("e5 follows the account").contains("ann");
    ok(sb.accept("ann", "e5"));

    // 09:45 e1 has used three quarters of its hour: Ted is warned
    at("09:45:00");
    assertThat(events(SlaWarning.class)).extracting(w -> w.itemId() + " " + w.clock())
        .containsExactly("v1 FIRST_RESPONSE", "e1 RESOLUTION"); // the call warned unheard
    assertThat(alerts).last().satisfies(a -> {
      assertThat(a.level()).isEqualTo(AlertLevel.WARNING);
      assertThat(a.recipientId()).contains("ted");
    });

    // 09:46 Sue puts Ted on the campaign for a fifth of his time; he has room for an SMS but
    // e1 is at risk, so campaign work is withheld
    at("09:46:00");
    ok(sb.complete("ted", "e2", Outcome.RESOLVED));
    ok(sb.supervisor().assignCampaign(new CampaignAssignment("spring-offers", Assignee.agent("ted"),
        Pacing.share(0.2, Duration.ofHours(8)))));
    assertThat(events(CampaignWorkBlended.class)).as("inbound work at risk").isEmpty();

    // 09:50 Ted clears his email: quiet time, and the campaign is blended in
    at("09:50:00");
    ok(sb.complete("ted", "e3", Outcome.RESOLVED));
    ok(sb.complete("ted", "e1", Outcome.RESOLVED));
    assertThat(events(CampaignWorkBlended.class)).singleElement().satisfies(b -> {
      assertThat(b.agentId()).isEqualTo("ted");
      assertThat(b.itemId()).isEqualTo("spring-offers/k1#1");
    });
    ok(sb.accept("ted", "spring-offers/k1#1"));
    at("09:52:00");
    ok(sb.complete("ted", "spring-offers/k1#1", Outcome.of("interested")));
    // 2 of 6 busy minutes since the assignment: above a fifth, so no more campaign work yet
    assertThat(events(CampaignWorkBlended.class)).hasSize(1);

    // 10:00 the measures Sue reads
    at("10:00:00");
    SlaReport sla = ok(sb.supervisor().slaReport());
    assertThat(sla.agent("ted", SlaClock.FIRST_RESPONSE).orElseThrow().met()).isEqualTo(5);
    assertThat(sla.agent("ted", SlaClock.RESOLUTION).orElseThrow().met()).isEqualTo(3); // emails
    assertThat(sla.channel("voice", SlaClock.FIRST_RESPONSE).orElseThrow().attainment())
        .isZero();
    assertThat(sla.queue("personal", SlaClock.FIRST_RESPONSE).orElseThrow().breached())
        .isEqualTo(1);
    AffinityMeasures affinity = ok(sb.supervisor().affinityMeasures());
    assertThat(affinity.ownAgentHits()).as("Ted's five, and e5 with its new owner").isEqualTo(6);
    assertThat(affinity.affinityWaitOnMisses()).as("v1 and e4 waited for Ted in vain")
        .isEqualTo(Duration.ofSeconds(60 + 20 * 60));
    CampaignReport campaign = ok(sb.supervisor().campaignReport());
    assertThat(campaign.campaign("spring-offers").orElseThrow().outcomes())
        .containsEntry("interested", 1L);
    CampaignReport.Share share = campaign.share("spring-offers", "ted").orElseThrow();
    assertThat(share.achieved()).isEqualTo(2.0 / 6);
    assertThat(share.target()).hasValue(0.2);
  }
}
