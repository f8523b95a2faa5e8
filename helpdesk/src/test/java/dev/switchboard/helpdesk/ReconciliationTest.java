package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.QuestionStatus;
import dev.switchboard.event.RoutingEvent;
import org.junit.jupiter.api.Test;

/**
 * After a crash the help desk's journal and the switchboard's may disagree about a work item;
 * {@code connect} settles each case through the public switchboard API only. Each test makes one
 * disagreement by cutting one journal where a crash could have, restarts both, and checks what
 * the desk, the agent and the switchboard then see: nothing acknowledged lost, nothing stuck.
 */
class ReconciliationTest {

  @Test
  void switchboardLostTheSubmit_theItemIsSubmittedAgainUnderItsId() {
    RestartFixture f = new RestartFixture(false);
    int engineBefore = f.engineEntries();
    f.openToFix("t-1");
    assertThat(f.live("t-1:w1")).isPresent();

    f.crash(null, engineBefore);

    assertThat(f.ticket("t-1").phase()).isEqualTo("fix");
    assertThat(f.ticket("t-1").currentItem()).contains("t-1:w1");
    assertThat(f.live("t-1:w1").flatMap(EngineSnapshot.ItemView::agentId)).contains("fay");
    assertThat(f.events(HelpDeskEvent.WorkReissued.class)).isEmpty();
    assertThat(f.desk.stats().commandFailures()).isZero();
    f.complete("t-1");
    assertThat(f.ticket("t-1").phase()).as("the work goes on as usual").isEqualTo("check");
  }

  @Test
  void switchboardFinishedTheItemUnseen_theWorkIsIssuedAgainForAPersonToSee() {
    RestartFixture f = new RestartFixture(false);
    f.openToFix("t-1");
    int deskBefore = f.deskEntries();
    int engineBefore = f.engineEntries();
    f.complete("t-1");
    assertThat(f.ticket("t-1").phase()).isEqualTo("check");

    // the switchboard made the completion durable; the desk's record of it was lost
    f.crash(deskBefore, engineBefore + 1);

    Ticket t = f.ticket("t-1");
    assertThat(t.phase()).as("the desk never learned how the work ended").isEqualTo("fix");
    assertThat(t.currentItem()).contains("t-1:w2");
    assertThat(f.events(HelpDeskEvent.WorkReissued.class)).singleElement().satisfies(e -> {
      assertThat(e.lostItemId()).isEqualTo("t-1:w1");
      assertThat(e.itemId()).isEqualTo("t-1:w2");
      assertThat(e.reason()).contains("already had item t-1:w1");
    });
    EngineSnapshot.ItemView again = f.live("t-1:w2").orElseThrow();
    assertThat(again.item().attributes()).containsEntry("reissuedFrom", "t-1:w1")
        .containsEntry("ticket", "t-1");
    assertThat(again.agentId()).contains("fay");
    f.complete("t-1");
    assertThat(f.ticket("t-1").phase()).isEqualTo("check");
  }

  @Test
  void itemWrappingUpAtTheRestart_completesWithItsOutcomeWhenWrapUpEnds() {
    RestartFixture f = new RestartFixture(true);
    f.openToFix("t-1");
    int deskBefore = f.deskEntries();
    int engineBefore = f.engineEntries();
    f.complete("t-1");
    assertThat(f.ticket("t-1").phase()).as("completion comes after wrap-up").isEqualTo("fix");

    f.crash(deskBefore, engineBefore + 1);

    assertThat(f.live("t-1:w1").map(EngineSnapshot.ItemView::state))
        .contains(ItemState.WRAPPING_UP);
    assertThat(f.ticket("t-1").currentItem()).as("still live: nothing to do").contains("t-1:w1");
    f.clock.advance(java.time.Duration.ofMinutes(10));
    f.settle();
    assertThat(f.ticket("t-1").phase()).isEqualTo("check");
    assertThat(f.ticket("t-1").history()).last().satisfies(tr ->
        assertThat(tr.reason()).isEqualTo("work completed: done"));
    assertThat(f.events(HelpDeskEvent.WorkReissued.class)).isEmpty();
  }

  @Test
  void switchboardStillHasWorkTheDeskMovedOnFrom_itIsTakenBackAndTheNewWorkSubmitted() {
    RestartFixture f = new RestartFixture(false);
    f.openToFix("t-1");
    int engineBefore = f.engineEntries();
    f.desk.advance("t-1", Actor.host("lead"));
    f.settle();
    assertThat(f.live("t-1:w1")).isEmpty();

    // the desk made the move durable; the switchboard lost the commands it sent for it
    f.crash(null, engineBefore);

    assertThat(f.ticket("t-1").phase()).isEqualTo("check");
    assertThat(f.live("t-1:w1")).as("the old phase's item is taken back").isEmpty();
    assertThat(f.routing).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
        RoutingEvent.ItemCompleted.class, c -> {
          assertThat(c.itemId()).isEqualTo("t-1:w1");
          assertThat(c.outcome()).isEqualTo(Outcome.of("moved-on"));
        }));
    assertThat(f.live("t-1:w2").flatMap(EngineSnapshot.ItemView::agentId)).contains("chris");
    assertThat(f.desk.stats().commandFailures()).isZero();
  }

  @Test
  void crowdStaffItem_lostBySwitchboard_isSubmittedAgain() {
    RestartFixture f = new RestartFixture(false);
    int engineBefore = f.engineEntries();
    f.desk.crowd().ask(Question.of("q-1", "u-1", "billing", "why two invoices?"));
    f.settle();

    f.crash(null, engineBefore);

    assertThat(f.live("q-1:staff").flatMap(EngineSnapshot.ItemView::agentId)).contains("sue");
    assertThat(f.desk.crowd().question("q-1").map(CrowdQuestion::status))
        .contains(QuestionStatus.WITH_STAFF);
  }

  /**
   * Staff complete a question's staff item; the switchboard makes that durable, the desk's
   * record of it is lost; both restart.
   */
  private static RestartFixture staffCompletedUnseen(boolean wrapUp) {
    RestartFixture f = new RestartFixture(wrapUp);
    f.desk.crowd().ask(Question.of("q-1", "u-1", "billing", "why two invoices?"));
    f.settle();
    int deskBefore = f.deskEntries();
    int engineBefore = f.engineEntries();
    f.sb.complete("sue", "q-1:staff", Outcome.RESOLVED);
    f.settle();
    f.crash(deskBefore, engineBefore + 1);
    return f;
  }

  @Test
  void crowdStaffItem_finishedUnseen_goesToStaffAgainAsANewItem() {
    RestartFixture f = staffCompletedUnseen(false);

    CrowdQuestion q = f.desk.crowd().question("q-1").orElseThrow();
    assertThat(q.status()).isEqualTo(QuestionStatus.WITH_STAFF);
    assertThat(q.staffItem()).contains("q-1:staff2");
    assertThat(q.history()).last().asString().contains("sent to staff again as item q-1:staff2");
    assertThat(f.live("q-1:staff2").map(v -> v.item().attributes().get("reissuedFrom")))
        .contains("q-1:staff");
    f.sb.complete("sue", "q-1:staff2", Outcome.RESOLVED);
    f.settle();
    assertThat(f.desk.crowd().question("q-1").map(CrowdQuestion::status))
        .contains(QuestionStatus.SOLVED_BY_STAFF);
  }

  @Test
  void crowdStaffItemWrappingUpAtTheRestart_isSolvedByStaffWhenWrapUpEnds() {
    RestartFixture f = staffCompletedUnseen(true);

    assertThat(f.desk.crowd().question("q-1").map(CrowdQuestion::status))
        .contains(QuestionStatus.WITH_STAFF);
    f.clock.advance(java.time.Duration.ofMinutes(10));
    f.settle();
    assertThat(f.desk.crowd().question("q-1").map(CrowdQuestion::status))
        .contains(QuestionStatus.SOLVED_BY_STAFF);
    assertThat(f.desk.crowd().measures().solvedByStaff()).isEqualTo(1);
  }

  @Test
  void bothJournalsAgree_reconcilingChangesNothing() {
    RestartFixture f = new RestartFixture(false);
    f.openToFix("t-1");
    f.openToFix("t-2");
    f.complete("t-2");
    f.desk.crowd().ask(Question.of("q-1", "u-1", "billing", "why two invoices?"));
    f.settle();
    int deskEntries = f.deskEntries();
    EngineSnapshot before = f.engine();

    f.crash(null, null);

    assertThat(f.engine().items()).as("the same live items, where they were")
        .extracting(v -> v.item().id() + " " + v.state() + " " + v.agentId())
        .containsExactlyElementsOf(before.items().stream()
            .map(v -> v.item().id() + " " + v.state() + " " + v.agentId()).toList());
    assertThat(f.routing).as("no command sent").isEmpty();
    assertThat(f.deskEntries()).as("nothing recorded").isEqualTo(deskEntries);
  }
}
