package dev.switchboard.crowd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.helpdesk.DeskFixture;
import dev.switchboard.helpdesk.KeywordClassifier;
import dev.switchboard.helpdesk.Lifecycle;
import dev.switchboard.helpdesk.Phase;
import dev.switchboard.helpdesk.Resolution;
import dev.switchboard.helpdesk.TicketRequest;
import dev.switchboard.helpdesk.TicketTransition;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A ticket phase that routes to the crowd first and to staff phases after. */
class TicketCrowdPhaseTest {

  private static final Lifecycle CROWD_FIRST = Lifecycle.builder()
      .phase(Phase.classification("classify", "triage"))
      .phase(Phase.crowd("community"))
      .phase(Phase.work("fix", "implementation"))
      .phase(Phase.confirmation("confirm", Duration.ofDays(2)))
      .reopenTo("fix").build();

  private final DeskFixture f = DeskFixture.of(b -> b.lifecycle(CROWD_FIRST)
      .classifier(KeywordClassifier.builder()
          .keywords("how-to", "network", 2, "export", "setup")
          .keywords("security", "network", 8, "hacked", "password").build())
      .crowdPolicy(CrowdPolicy.builder().crowdCategories("how-to")
          .expertCategories("security").answerTimeLimit(Duration.ofHours(1)).build()));
  private final Crowd crowd = f.desk.crowd();

  private void open(String id, String text) {
    f.desk.open(TicketRequest.of(id, "u-" + id, Channel.EMAIL, "", text));
    f.settle();
  }

  @Test
  void acceptedCrowdAnswer_closesTheTicket_withoutStaff() {
    crowd.addPowerUser(PowerUser.of("ann"));
    open("t-1", "how do I export my data");
    assertThat(f.ticket("t-1").phase()).isEqualTo("community");
    CrowdQuestion q = crowd.question("t-1:q1").orElseThrow();
    assertThat(q.question().askerId()).isEqualTo("u-t-1");
    assertThat(q.question().category()).isEqualTo("how-to");
    assertThat(q.offeredTo()).containsExactly("ann");

    crowd.acceptAnswer("t-1:q1", crowd.answer("t-1:q1", "ann", "Settings > Export"));
    f.settle();
    assertThat(f.ticket("t-1").resolution()).contains(Resolution.SOLVED_BY_CROWD);
    assertThat(f.routing(dev.switchboard.event.RoutingEvent.ItemSubmitted.class)).isEmpty();
    assertThat(crowd.points("ann")).isEqualTo(10);
    assertThat(crowd.measures().crowdShare()).isEqualTo(1.0);
  }

  @Test
  void unansweredCrowdPhase_movesTheTicketToStaff_andStaffSolvingCountsForTheQuestion() {
    crowd.addPowerUser(PowerUser.of("ann"));
    f.agent("ivan", "builders", "network", 5);
    open("t-2", "setup fails");
    f.advance(Duration.ofHours(1));
    assertThat(f.ticket("t-2").phase()).isEqualTo("fix");
    assertThat(f.ticket("t-2").history()).extracting(TicketTransition::reason)
        .contains("the crowd handed it to staff: UNANSWERED");
    assertThat(crowd.question("t-2:q1").orElseThrow().status())
        .isEqualTo(QuestionStatus.WITH_STAFF);
    assertThat(f.crowdEvents(CrowdEvent.SentToStaff.class)).singleElement()
        .satisfies(e -> assertThat(e.itemId()).isEqualTo("t-2"));

    assertThat(f.completeWork("t-2", "resolved")).isEqualTo("ivan");
    f.desk.confirm("t-2");
    f.settle();
    assertThat(crowd.question("t-2:q1").orElseThrow().status())
        .isEqualTo(QuestionStatus.SOLVED_BY_STAFF);
    CrowdMeasures m = crowd.measures();
    assertThat(m.unanswered()).isEqualTo(1);
    assertThat(m.solvedByStaff()).isEqualTo(1);
    assertThat(f.desk.endUser("u-t-2").orElseThrow().finishedQuestions())
        .as("the ticket is the case").isZero();
  }

  @Test
  void expertCategory_skipsTheCrowd() {
    crowd.addPowerUser(PowerUser.of("ann"));
    open("t-3", "I was hacked");
    assertThat(f.ticket("t-3").phase()).isEqualTo("fix");
    assertThat(crowd.question("t-3:q1").orElseThrow().staffReason()).contains(StaffReason.POLICY);
    assertThat(crowd.powerUsers()).allSatisfy(u -> assertThat(u.openOffers()).isZero());
    assertThat(f.ticket("t-3").classification().orElseThrow().requiredSkills())
        .isEqualTo(Map.of("network", 8));
  }

  @Test
  void askerWithdrawingAsSolved_closesTheTicketSelfSolved() {
    crowd.addPowerUser(PowerUser.of("ann"));
    open("t-4", "export");
    crowd.withdraw("t-4:q1", true);
    f.settle();
    assertThat(f.ticket("t-4").resolution()).contains(Resolution.SELF_SOLVED);
    assertThat(crowd.powerUsers()).allSatisfy(u -> assertThat(u.openOffers()).isZero());
  }
}
