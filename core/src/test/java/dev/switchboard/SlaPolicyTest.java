package dev.switchboard;

import static dev.switchboard.Fixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.event.RoutingEvent.AlertRaised;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.SlaEscalated;
import dev.switchboard.event.RoutingEvent.SlaPaused;
import dev.switchboard.event.RoutingEvent.SlaResumed;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.sla.Alert;
import dev.switchboard.sla.AlertLevel;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.AlertSink;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.sla.SlaReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlaPolicyTest {

  private final List<Alert> sunk = new ArrayList<>();

  private static SlaPolicy.Builder email() {
    return SlaPolicy.builder("email").channel(Channel.EMAIL)
        .firstResponse(Duration.ofMinutes(10)).resolution(Duration.ofMinutes(60));
  }

  private Fixture fixture(SlaPolicy... policies) {
    return Fixture.of(b -> {
      for (SlaPolicy p : policies) {
        b.slaPolicy(p);
      }
      return b.alertSink(sunk::add).queue("team", RoutingPolicy.of(
          PolicyStep.waitFor(Target.agents("ted"), Duration.ofHours(1)),
          PolicyStep.untilAnswered(Target.requiredSkills())));
    });
  }

  private static Agent ted() {
    return Agent.builder("ted").channel(Channel.EMAIL).channel(Channel.CHAT).supervisor("sue")
        .build();
  }

  private static WorkItem mail(String id) {
    return WorkItem.builder(id, Channel.EMAIL).customer("cust-" + id).queue("team").build();
  }

  @Test
  void waitingItem_warnsAtTheFractionThenBreaches_alertingPerPolicy() {
    Fixture f = fixture(email().warnAt(0.5).alertOnWarning(AlertRecipient.AGENT)
        .alertOnBreach(AlertRecipient.AGENT, AlertRecipient.SUPERVISOR).build());
    f.add(ted());                      // offline: the item waits for ted
    f.submit(mail("m1"));
    f.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(f.events(SlaWarning.class)).isEmpty();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(SlaWarning.class)).singleElement().satisfies(w -> {
      assertThat(w.clock()).isEqualTo(SlaClock.FIRST_RESPONSE);
      assertThat(w.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
      assertThat(w.state()).isEqualTo(ItemState.QUEUED);
    });
    assertThat(sunk).singleElement().satisfies(a -> {
      assertThat(a.level()).isEqualTo(AlertLevel.WARNING);
      assertThat(a.recipient()).isEqualTo(AlertRecipient.AGENT);
      assertThat(a.recipientId()).isEmpty(); // nobody holds it and it waits for no one agent
    });
    f.advance(Duration.ofMinutes(5));
    assertThat(f.events(SlaBreached.class)).singleElement()
        .satisfies(b -> assertThat(b.clock()).isEqualTo(SlaClock.FIRST_RESPONSE));
    assertThat(f.events(AlertRaised.class)).map(e -> e.alert()).containsExactlyElementsOf(sunk);
    assertThat(sunk).extracting(Alert::level, Alert::recipient).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertLevel.WARNING, AlertRecipient.AGENT),
        org.assertj.core.groups.Tuple.tuple(AlertLevel.BREACH, AlertRecipient.AGENT),
        org.assertj.core.groups.Tuple.tuple(AlertLevel.BREACH, AlertRecipient.SUPERVISOR));
  }

  @Test
  void heldItem_resolutionAlertsNameTheAgentAndItsSupervisor() {
    Fixture f = fixture(email().alertOnWarning(AlertRecipient.AGENT)
        .alertOnBreach(AlertRecipient.SUPERVISOR).build());
    f.addAvailable(ted());
    f.submit(mail("m1"));
    f.accept("ted", "m1");
    f.advance(Duration.ofMinutes(48));
    assertThat(f.events(SlaWarning.class)).singleElement()
        .satisfies(w -> assertThat(w.clock()).isEqualTo(SlaClock.RESOLUTION));
    f.advance(Duration.ofMinutes(12));
    assertThat(sunk).extracting(Alert::level, Alert::recipientId, Alert::agentId).containsExactly(
        org.assertj.core.groups.Tuple.tuple(AlertLevel.WARNING, Optional.of("ted"),
            Optional.of("ted")),
        org.assertj.core.groups.Tuple.tuple(AlertLevel.BREACH, Optional.of("sue"),
            Optional.of("ted")));
    assertThat(f.events(SlaBreached.class)).singleElement().satisfies(b -> {
      assertThat(b.clock()).isEqualTo(SlaClock.RESOLUTION);
      assertThat(b.state()).isEqualTo(ItemState.ASSIGNED);
    });
  }

  @Test
  void itemWaitingForOneAgent_alertsThatAgentAndCountsTheBreachAgainstIt() {
    Fixture f = fixture(email().alertOnBreach(AlertRecipient.AGENT, AlertRecipient.SUPERVISOR)
        .build());
    f.add(ted());
    f.ok(f.sb.setPresence("ted", Presence.away("meeting")));
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    f.ok(f.sb.transfer("m1", TransferTarget.agent("ted")));
    f.advance(Duration.ofMinutes(10));
    assertThat(sunk).extracting(Alert::recipientId)
        .containsExactly(Optional.of("ted"), Optional.of("sue"));
    SlaReport report = f.ok(f.sb.supervisor().slaReport());
    assertThat(report.agent("ted", SlaClock.FIRST_RESPONSE).orElseThrow().attainment()).isZero();
    assertThat(report.queue("default", SlaClock.FIRST_RESPONSE).orElseThrow().breached())
        .isEqualTo(1);
  }

  @Test
  void answeringInTime_stopsTheFirstResponseClock_andCountsItMet() {
    Fixture f = fixture(email().build());
    f.addAvailable(ted());
    f.submit(mail("m1"));
    f.accept("ted", "m1");
    f.advance(Duration.ofMinutes(30));
    f.complete("ted", "m1");
    f.advance(Duration.ofHours(2));
    assertThat(f.events(SlaWarning.class)).isEmpty();
    assertThat(f.events(SlaBreached.class)).isEmpty();
    SlaReport report = f.ok(f.sb.supervisor().slaReport());
    assertThat(report.agent("ted", SlaClock.FIRST_RESPONSE)).hasValueSatisfying(a -> {
      assertThat(a.met()).isEqualTo(1);
      assertThat(a.attainment()).isEqualTo(1.0);
    });
    assertThat(report.queue("team", SlaClock.RESOLUTION).orElseThrow().met()).isEqualTo(1);
    assertThat(report.channel("email", SlaClock.RESOLUTION).orElseThrow().breached()).isZero();
  }

  @Test
  void breach_raisesPriorityAndWidensThePool() {
    Fixture f = fixture(email().onBreach(SlaEscalation.raisePriority(30),
        SlaEscalation.widenPool()).build());
    f.add(ted());
    f.ok(f.sb.setPresence("ted", Presence.away("lunch")));
    f.addAvailable(Agent.builder("ann").channel(Channel.EMAIL).build());
    f.submit(mail("m1"));              // waits at step 0 for ted, who is at lunch
    assertThat(f.state("m1")).isEqualTo(ItemState.QUEUED);
    f.advance(Duration.ofMinutes(10));
    assertThat(f.events(SlaEscalated.class)).extracting(SlaEscalated::action)
        .containsExactly(SlaEscalation.raisePriority(30), SlaEscalation.widenPool());
    assertThat(f.events(StepEscalated.class)).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("SLA breached"));
    assertThat(f.holder("m1")).contains("ann");
    assertThat(f.item("m1").orElseThrow().priority()).isEqualTo(30);
  }

  @Test
  void breach_reassignsHeldWorkToTheSupervisorsQueue() {
    Fixture f = Fixture.of(b -> b.slaPolicy(email().onBreach(
            SlaEscalation.reassign(TransferTarget.queue("overflow"))).build())
        .queue("overflow", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("backup")))));
    f.addAvailable(ted(), Agent.builder("bob").channel(Channel.EMAIL).team("backup").build());
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    String first = f.holder("m1").orElseThrow();
    f.accept(first, "m1");
    f.advance(Duration.ofMinutes(60));
    assertThat(f.events(ItemTransferred.class)).singleElement()
        .satisfies(t -> assertThat(t.fromAgent()).contains(first));
    assertThat(f.holder("m1")).contains("bob");
    assertThat(f.events(SlaEscalated.class)).singleElement()
        .satisfies(e -> assertThat(e.clock()).isEqualTo(SlaClock.RESOLUTION));
  }

  @Test
  void reassignToAnAgentWhoTakesNoWorkThere_isSkipped() {
    Fixture f = Fixture.of(b -> b.slaPolicy(email().onBreach(
        SlaEscalation.reassign(TransferTarget.agent("chatonly"))).build()));
    f.add(Agent.builder("chatonly").channel(Channel.CHAT).build());
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    f.advance(Duration.ofMinutes(10));
    assertThat(f.events(SlaBreached.class)).hasSize(1);
    assertThat(f.events(SlaEscalated.class)).isEmpty();
    assertThat(f.state("m1")).isEqualTo(ItemState.QUEUED);
  }

  @Test
  void clocksSurviveTransfers_theDeadlineStaysWhereItWas() {
    Fixture f = fixture(email().build());
    f.addAvailable(ted(), Agent.builder("ann").channel(Channel.EMAIL).build());
    f.submit(mail("m1"));
    f.accept("ted", "m1");
    f.advance(Duration.ofMinutes(50));
    f.ok(f.sb.transfer("m1", TransferTarget.agent("ann")));
    f.accept("ann", "m1");
    f.advance(Duration.ofMinutes(10));   // 60 minutes after creation, not after the transfer
    assertThat(f.events(SlaBreached.class)).singleElement()
        .satisfies(b -> assertThat(b.clock()).isEqualTo(SlaClock.RESOLUTION));
    assertThat(f.ok(f.sb.supervisor().slaReport()).agent("ann", SlaClock.RESOLUTION).orElseThrow().breached())
        .isEqualTo(1);
  }

  @Test
  void followUpOnALiveItem_keepsItsClocks_aReopenedConversationStartsFresh() {
    Fixture f = fixture(email().build());
    f.addAvailable(ted());
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").queue("team")
        .conversation("thread").build());
    f.accept("ted", "m1");
    f.advance(Duration.ofMinutes(40));
    f.ok(f.sb.followUp("thread", Map.of()));     // same item: the clock keeps running
    f.advance(Duration.ofMinutes(20));
    assertThat(f.events(SlaBreached.class)).extracting(SlaBreached::itemId).containsExactly("m1");
    f.complete("ted", "m1");
    f.ok(f.sb.followUp("thread", Map.of()));     // reopened: a new item, new clocks from now
    f.advance(Duration.ofMinutes(9));
    assertThat(f.events(SlaBreached.class)).extracting(SlaBreached::itemId).containsExactly("m1");
    f.advance(Duration.ofMinutes(1));
    assertThat(f.events(SlaBreached.class)).extracting(b -> b.itemId() + " " + b.clock())
        .containsExactly("m1 RESOLUTION", "thread#2 FIRST_RESPONSE");
  }

  @Test
  void waitingForTheCustomer_pausesResolution_untilTheirNextMessage() {
    Fixture f = fixture(email().warnAt(0.5).build());
    f.addAvailable(ted());
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").queue("team")
        .conversation("thread").build());
    f.accept("ted", "m1");
    f.advance(Duration.ofMinutes(20));
    f.ok(f.sb.awaitCustomer("ted", "m1"));          // 40 minutes left, warning in 10
    assertThat(f.events(SlaPaused.class)).singleElement()
        .satisfies(p -> assertThat(p.clock()).isEqualTo(SlaClock.RESOLUTION));
    f.advance(Duration.ofHours(3));                  // the customer takes their time
    assertThat(f.events(SlaWarning.class)).isEmpty();
    assertThat(f.events(SlaBreached.class)).isEmpty();
    assertThat(f.holder("m1")).contains("ted");
    f.ok(f.sb.followUp("thread", Map.of("text", "thanks, one more thing")));
    assertThat(f.events(SlaResumed.class)).singleElement().satisfies(r -> assertThat(r.deadline())
        .isEqualTo(T0.plus(Duration.ofMinutes(200 + 40))));
    f.advance(Duration.ofMinutes(10));
    assertThat(f.events(SlaWarning.class)).hasSize(1);
    f.advance(Duration.ofMinutes(30));
    assertThat(f.events(SlaBreached.class)).singleElement()
        .satisfies(b -> assertThat(b.at()).isEqualTo(T0.plus(Duration.ofMinutes(240))));
  }

  @Test
  void waitingForTheCustomer_needsAnAssignedItemInAConversation() {
    Fixture f = fixture(email().build());
    f.addAvailable(ted());
    f.submit(mail("m1"));
    f.rejectedUnchanged(() -> f.sb.awaitCustomer("ted", "m1"),
        CommandRejectedException.Reason.WRONG_STATE);       // only offered
    f.accept("ted", "m1");
    assertThat(f.rejectedUnchanged(() -> f.sb.awaitCustomer("ted", "m1"),
        CommandRejectedException.Reason.WRONG_STATE)).hasMessageContaining("has no conversation");
  }

  @Test
  void mostSpecificPolicyApplies_andTheItemsOwnTargetReplacesFirstResponse() {
    Fixture f = Fixture.of(b -> b
        .slaPolicy(SlaPolicy.builder("any").firstResponse(Duration.ofMinutes(30)).build())
        .slaPolicy(SlaPolicy.builder("complaints").itemType("complaint")
            .firstResponse(Duration.ofMinutes(5)).build())
        .slaPolicy(email().build()));
    f.submit(WorkItem.builder("plain-chat", Channel.CHAT).customer("c").build());
    f.submit(WorkItem.builder("plain-mail", Channel.EMAIL).customer("c").build());
    f.submit(WorkItem.builder("complaint", Channel.EMAIL).customer("c")
        .attribute(SlaPolicy.ITEM_TYPE_ATTRIBUTE, "complaint").build());
    f.submit(WorkItem.builder("own", Channel.EMAIL).customer("c")
        .slaTarget(Duration.ofMinutes(1)).build());
    for (int minute = 1; minute <= 30; minute++) {
      f.advance(Duration.ofMinutes(1));
    }
    assertThat(f.events(SlaBreached.class)).extracting(b -> b.itemId() + "@" + b.at())
        .containsExactly("own@" + T0.plusSeconds(60), "complaint@" + T0.plusSeconds(300),
            "plain-mail@" + T0.plusSeconds(600), "plain-chat@" + T0.plusSeconds(1800));
  }

  @Test
  void throwingAlertSink_isCountedAndRoutingGoesOn() {
    Fixture f = Fixture.of(b -> b.slaPolicy(email().alertOnWarning(AlertRecipient.AGENT).build())
        .alertSink(alert -> {
          throw new IllegalStateException("pager down");
        }));
    f.submit(WorkItem.builder("m1", Channel.EMAIL).customer("c").build());
    f.advance(Duration.ofMinutes(8));
    assertThat(f.events(AlertRaised.class)).hasSize(1);
    assertThat(f.snapshot().listenerFailures()).isEqualTo(1);
    f.addAvailable(ted());
    assertThat(f.state("m1")).isEqualTo(ItemState.OFFERED);
  }

  @Test
  void policyOptions_areCheckedAndSetOnce() {
    assertThatThrownBy(() -> SlaPolicy.builder("x").build())
        .hasMessageContaining("no target");
    assertThatThrownBy(() -> SlaPolicy.builder("x").firstResponse(Duration.ofMinutes(1))
        .warnAt(1.0).build()).hasMessageContaining("warnAt is 1.0");
    assertThatThrownBy(() -> SlaPolicy.builder("x").warnAt(0.5).warnAt(0.6))
        .hasMessageContaining("warnAt was already set");
    assertThatThrownBy(() -> SlaPolicy.builder("x").firstResponse(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SlaEscalation.raisePriority(0))
        .hasMessageContaining("allowed: 1 to 100");
    SwitchboardBuilder b = Switchboard.builder().slaPolicy(email().build());
    assertThatThrownBy(() -> b.slaPolicy(SlaPolicy.builder("other").channel(Channel.EMAIL)
        .resolution(Duration.ofHours(1)).build()))
        .hasMessageContaining("'email' and 'other' both apply to channel email");
    assertThatThrownBy(() -> Switchboard.builder().slaPolicy(SlaPolicy.builder("r")
        .resolution(Duration.ofHours(1))
        .onBreach(SlaEscalation.reassign(TransferTarget.queue("nope"))).build()).buildManual())
        .hasMessageContaining("reassigns to queue 'nope', which is not configured");
    assertThatThrownBy(() -> Switchboard.builder().alertSink(AlertSink.discarding())
        .alertSink(AlertSink.logging())).hasMessageContaining("alertSink was already set");
  }
}
