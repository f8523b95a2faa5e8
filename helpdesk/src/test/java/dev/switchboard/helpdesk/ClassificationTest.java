package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Classification: confident results move on, anything else goes to triage and nothing is lost. */
class ClassificationTest {

  private static final Lifecycle CLASSIFY_THEN_FIX = Lifecycle.builder()
      .phase(Phase.classification("classify", "triage"))
      .phase(Phase.work("fix", "implementation"))
      .reopenTo("fix").build();

  private static TicketRequest ticket(String id, String text) {
    return TicketRequest.of(id, "u-" + id, Channel.EMAIL, "", text);
  }

  @Test
  void confidentResult_isAppliedToTheWorkItem_andTheTicketMovesOn() {
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX)
        .classifier(DeskFixture.keywords()));
    f.desk.open(ticket("t-1", "my invoice is wrong, I want a refund"));
    f.settle();
    Ticket t = f.ticket("t-1");
    assertThat(t.phase()).isEqualTo("fix");
    assertThat(t.classification().orElseThrow().requiredSkills()).isEqualTo(Map.of("billing", 4));
    assertThat(f.routing(dev.switchboard.event.RoutingEvent.ItemSubmitted.class))
        .singleElement().satisfies(s -> {
          assertThat(s.item().requiredSkills()).isEqualTo(Map.of("billing", 4));
          assertThat(s.item().attributes()).containsEntry("ticket", "t-1")
              .containsEntry("categories", List.of("billing"));
        });
    assertThat(f.desk.stats().triaged()).isZero();
  }

  @Test
  void lowConfidence_goesToTriage_andThePersonsCorrectionIsRecorded() {
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX)
        .classifier(DeskFixture.keywords()));
    f.agent("tina", "triage", "billing", 1);
    // one network word and one billing word: the rules disagree, so confidence halves
    f.desk.open(ticket("t-2", "the router sent me an invoice"));
    f.settle();
    Ticket t = f.ticket("t-2");
    assertThat(t.phase()).isEqualTo("classify");
    assertThat(f.holder(f.item("t-2"))).contains("tina");
    HelpDeskEvent.TriageRequested triage =
        f.events(HelpDeskEvent.TriageRequested.class).get(0);
    assertThat(triage.reason()).contains("below the threshold 0.7");
    assertThat(triage.suggestion().orElseThrow().confidence()).isEqualTo(0.45);

    Classification human = Classification.byPerson(List.of("billing"), Map.of("billing", 4), 30);
    f.desk.classify("t-2", human, Actor.agent("tina"));
    f.settle();
    assertThat(f.ticket("t-2").phase()).isEqualTo("fix");
    assertThat(f.ticket("t-2").classification()).contains(human);
    assertThat(f.desk.corrections()).singleElement().satisfies(c -> {
      assertThat(c.request().text()).isEqualTo("the router sent me an invoice");
      assertThat(c.suggested().orElseThrow().categories()).containsExactly("network", "billing");
      assertThat(c.corrected()).isEqualTo(human);
      assertThat(c.changedCategories()).isTrue();
      assertThat(c.actor()).isEqualTo(Actor.agent("tina"));
    });
    assertThat(f.desk.stats().lowConfidence()).isEqualTo(1);
    // the triage item was completed for tina, not left in her hands
    assertThat(f.routing(dev.switchboard.event.RoutingEvent.ItemCompleted.class))
        .extracting(c -> c.outcome().code()).containsExactly("moved-on");
  }

  @Test
  void classifierThatThrows_fallsBackToTriage_andIsCounted() {
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX).classifier(r -> {
      throw new IllegalStateException("model not loaded");
    }));
    f.desk.open(ticket("t-3", "anything"));
    f.settle();
    assertThat(f.ticket("t-3").currentItem()).isPresent();
    assertThat(f.events(HelpDeskEvent.TriageRequested.class)).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("model not loaded"));
    assertThat(f.desk.stats().classifierFailures()).isEqualTo(1);
  }

  @Test
  void classifierReturningNull_fallsBackToTriage() {
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX).classifier(r -> null));
    f.desk.open(ticket("t-4", "anything"));
    f.settle();
    assertThat(f.events(HelpDeskEvent.TriageRequested.class)).singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("returned null"));
  }

  @Test
  void classifierThatHangs_timesOutOnTheManualClock_andItsLateAnswerIsIgnored() {
    List<Runnable> held = new ArrayList<>();
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX)
        .classifier(DeskFixture.keywords()).classifierTimeout(Duration.ofSeconds(2)), held::add);
    f.desk.open(ticket("t-5", "wifi wifi router"));
    f.settle();
    assertThat(f.ticket("t-5").currentItem()).isEmpty();
    assertThat(f.desk.nextDeadline()).contains(DeskFixture.T0.plusSeconds(2));

    f.advance(Duration.ofSeconds(2));
    assertThat(f.ticket("t-5").currentItem()).as("in triage").isPresent();
    assertThat(f.desk.stats().classifierTimeouts()).isEqualTo(1);

    held.forEach(Runnable::run);              // the classifier finally answers
    f.settle();
    assertThat(f.ticket("t-5").phase()).isEqualTo("classify");
    assertThat(f.ticket("t-5").classification()).isEmpty();
    assertThat(f.desk.stats().lateClassifierResults()).isEqualTo(1);
  }

  @Test
  void triageItemCompletedWithoutCorrection_acceptsTheSuggestion() {
    DeskFixture f = DeskFixture.of(b -> b.lifecycle(CLASSIFY_THEN_FIX)
        .classifier(DeskFixture.keywords()));
    f.agent("tina", "triage", "billing", 1);
    f.agent("ivan", "builders", "network", 5);
    f.desk.open(ticket("t-6", "router invoice"));
    f.settle();
    f.completeWork("t-6", "triaged");
    assertThat(f.ticket("t-6").phase()).isEqualTo("fix");
    assertThat(f.ticket("t-6").classification().orElseThrow().categories())
        .containsExactly("network", "billing");
    assertThat(f.desk.corrections()).singleElement()
        .satisfies(c -> assertThat(c.changedCategories()).isFalse());
  }

  @Test
  void notReproducible_sendsTheTicketBackToClassification_andTheReportIsNotPrecise() {
    DeskFixture f = DeskFixture.of(b -> b.classifier(DeskFixture.keywords()));
    f.agent("rita", "repro", "network", 6);
    f.desk.open(ticket("t-7", "vpn and router"));
    f.desk.advance("t-7", Actor.host("portal"));
    f.desk.advance("t-7", Actor.host("portal"));    // recorded
    f.settle();
    f.completeWork("t-7", "not-reproducible");
    assertThat(f.ticket("t-7").phase()).isEqualTo("recording");
    assertThat(f.ticket("t-7").history()).extracting(TicketTransition::to)
        .containsSubsequence("reproduction", "classification", "recording");
    f.desk.solvedByUser("t-7");
    EndUserHistory h = f.desk.endUser("u-t-7").orElseThrow();
    assertThat(h.classifiedReports()).isEqualTo(1);
    assertThat(h.preciseReports()).isZero();
    assertThat(h.selfSolved()).isEqualTo(1);
  }
}
