package dev.switchboard.crowd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Outcome;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.helpdesk.DeskFixture;
import dev.switchboard.helpdesk.EndUserHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Community questions on the manual clock: answered, unanswered, rejected, kept for experts. */
class CrowdScenarioTest {

  private static final CrowdPolicy POLICY = CrowdPolicy.builder()
      .crowdCategories("how-to", "setup")
      .expertCategories("security")
      .fanOut(2)
      .answerTimeLimit(Duration.ofHours(4))
      .askerTimeout(Duration.ofDays(1))
      .pointsPerAcceptedAnswer(10)
      .staffCostPerQuestion(12.0)
      .costPerPoint(0.1)
      .build();

  private final List<LedgerEntry> rewarded = new ArrayList<>();
  private final DeskFixture f = DeskFixture.of(b -> b.crowdPolicy(POLICY)
      .rewardHook(rewarded::add));
  private final Crowd crowd = f.desk.crowd();

  private void powerUsers() {
    crowd.addPowerUser(PowerUser.of("ann").withAccepted("how-to", 5));
    crowd.addPowerUser(PowerUser.of("bob").withAccepted("how-to", 9));
    crowd.addPowerUser(PowerUser.of("cy").withAccepted("setup", 20));
    crowd.addPowerUser(PowerUser.of("dee"));
  }

  @Test
  void answeredQuestion_goesToTheMostExpertHelpers_andTheAcceptedHelperEarnsPoints() {
    powerUsers();
    CrowdQuestion q = crowd.ask(Question.of("q-1", "u-1", "how-to", "how do I export?"));
    assertThat(q.status()).isEqualTo(QuestionStatus.WITH_CROWD);
    assertThat(q.offeredTo()).as("most accepted how-to answers first").containsExactly("bob", "ann");
    assertThat(f.crowdEvents(CrowdEvent.QuestionOffered.class)).singleElement()
        .satisfies(e -> assertThat(e.helperIds()).containsExactly("bob", "ann"));

    f.advance(Duration.ofMinutes(30));
    String a1 = crowd.answer("q-1", "ann", "File > Export");
    f.advance(Duration.ofMinutes(5));
    crowd.answer("q-1", "bob", "use the menu");
    CrowdQuestion solved = crowd.acceptAnswer("q-1", a1);

    assertThat(solved.status()).isEqualTo(QuestionStatus.SOLVED_BY_CROWD);
    assertThat(solved.acceptedAnswer()).contains("q-1/a1");
    assertThat(crowd.points("ann")).isEqualTo(10);
    assertThat(crowd.points("bob")).isZero();
    assertThat(rewarded).singleElement().satisfies(e -> {
      assertThat(e.userId()).isEqualTo("ann");
      assertThat(e.balance()).isEqualTo(10);
    });
    assertThat(crowd.powerUsers()).filteredOn(u -> u.id().equals("ann")).singleElement()
        .satisfies(u -> {
          assertThat(u.accepted("how-to")).isEqualTo(6);
          assertThat(u.openOffers()).isZero();
        });
    CrowdMeasures m = crowd.measures();
    assertThat(m.asked()).isEqualTo(1);
    assertThat(m.solvedRate()).isEqualTo(1.0);
    assertThat(m.crowdShare()).isEqualTo(1.0);
    assertThat(m.meanTimeToFirstAnswer()).contains(Duration.ofMinutes(30));
    assertThat(m.costSaved()).isEqualTo(12.0 - 10 * 0.1);
    assertThat(f.routing(ItemSubmitted.class)).as("staff never saw it").isEmpty();
    assertThat(f.desk.endUser("ann").map(EndUserHistory::acceptedAnswersGiven)).contains(1);
  }

  @Test
  void unansweredQuestion_fallsBackToStaffWithItsHistory_afterTheTimeLimit() {
    powerUsers();
    f.agent("sue", null, "billing", 3);
    crowd.ask(Question.of("q-2", "u-2", "setup", "how do I pair the printer?"));
    f.advance(Duration.ofHours(4).minusSeconds(1));
    assertThat(crowd.question("q-2").orElseThrow().status()).isEqualTo(QuestionStatus.WITH_CROWD);

    f.advance(Duration.ofSeconds(1));
    CrowdQuestion q = crowd.question("q-2").orElseThrow();
    assertThat(q.status()).isEqualTo(QuestionStatus.WITH_STAFF);
    assertThat(q.staffReason()).contains(StaffReason.UNANSWERED);
    assertThat(f.routing(ItemSubmitted.class)).singleElement().satisfies(s -> {
      assertThat(s.item().id()).isEqualTo("q-2:staff");
      assertThat(s.item().queue()).isEqualTo("support");
      assertThat(s.item().customerId()).isEqualTo("u-2");
      assertThat(s.item().attributes()).containsEntry("fallbackReason", "UNANSWERED")
          .containsEntry("crowdHistory", List.of("offered to cy, bob",
              "no crowd answer within PT4H"));
    });
    assertThatThrownBy(() -> crowd.answer("q-2", "cy", "too late"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("WITH_STAFF");

    f.sb.complete("sue", "q-2:staff", Outcome.RESOLVED);
    f.settle();
    assertThat(crowd.question("q-2").orElseThrow().status())
        .isEqualTo(QuestionStatus.SOLVED_BY_STAFF);
    CrowdMeasures m = crowd.measures();
    assertThat(m.unanswered()).isEqualTo(1);
    assertThat(m.unansweredRate()).isEqualTo(1.0);
    assertThat(m.solvedByStaff()).isEqualTo(1);
    assertThat(m.crowdShare()).isZero();
  }

  @Test
  void rejectedAnswer_fallsBackToStaff_carryingTheAnswer() {
    powerUsers();
    crowd.ask(Question.of("q-3", "u-3", "how-to", "export to pdf?"));
    String a = crowd.answer("q-3", "bob", "print it");
    CrowdQuestion q = crowd.rejectAnswer("q-3", a, "that is not pdf");
    f.settle();
    assertThat(q.status()).isEqualTo(QuestionStatus.WITH_STAFF);
    assertThat(q.staffReason()).contains(StaffReason.REJECTED);
    assertThat(f.routing(ItemSubmitted.class)).singleElement().satisfies(s ->
        assertThat(s.item().attributes()).containsEntry("crowdAnswers",
            List.of(Map.of("id", "q-3/a1", "helper", "bob", "text", "print it"))));
    assertThat(crowd.points("bob")).isZero();
    assertThat(crowd.measures().rejected()).isEqualTo(1);
    assertThat(crowd.powerUsers()).allSatisfy(u -> assertThat(u.openOffers()).isZero());
  }

  @Test
  void expertCategory_goesStraightToStaff_andNoHelperMeansStaffToo() {
    powerUsers();
    assertThat(crowd.ask(Question.of("q-4", "u-4", "security", "hacked?")).staffReason())
        .contains(StaffReason.POLICY);
    assertThat(crowd.ask(Question.of("q-5", "u-5", "billing", "refund?")).history())
        .first().isEqualTo("category 'billing' is not a crowd category");
    crowd.setAvailable("ann", false);
    crowd.setAvailable("bob", false);
    crowd.setAvailable("cy", false);
    crowd.setAvailable("dee", false);
    assertThat(crowd.ask(Question.of("q-6", "u-6", "how-to", "?")).staffReason())
        .contains(StaffReason.NO_HELPERS);
    f.settle();
    assertThat(f.routing(ItemSubmitted.class)).hasSize(3);
    assertThat(crowd.measures().keptForStaff()).isEqualTo(3);
    assertThat(crowd.measures().offeredToCrowd()).isZero();
  }

  @Test
  void askerWhoNeverDecides_abandonsTheQuestion() {
    powerUsers();
    crowd.ask(Question.of("q-7", "u-7", "how-to", "?"));
    crowd.answer("q-7", "ann", "maybe this");
    f.advance(Duration.ofDays(1));
    assertThat(crowd.question("q-7").orElseThrow().status()).isEqualTo(QuestionStatus.ABANDONED);
    crowd.ask(Question.of("q-8", "u-7", "how-to", "?"));
    crowd.withdraw("q-8", true);
    CrowdMeasures m = crowd.measures();
    assertThat(m.abandoned()).isEqualTo(2);
    assertThat(m.abandonedRate()).isEqualTo(1.0);
    assertThat(f.desk.endUser("u-7").orElseThrow().selfSolved()).isEqualTo(1);
  }

  @Test
  void badCalls_areRefusedAndChangeNothing() {
    powerUsers();
    crowd.ask(Question.of("q-9", "u-9", "how-to", "?"));
    assertThatThrownBy(() -> crowd.answer("q-9", "cy", "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("question 'q-9' was not offered to 'cy'; offered to [bob, ann]");
    assertThatThrownBy(() -> crowd.acceptAnswer("q-9", "q-9/a7"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no answer");
    assertThatThrownBy(() -> crowd.ask(Question.of("q-9", "u-9", "how-to", "?")))
        .hasMessageContaining("already in use");
    assertThatThrownBy(() -> crowd.redeem("ann", 5, "mug"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("user 'ann' has 0 points, fewer than the 5 asked to redeem");
    assertThatThrownBy(() -> crowd.addPowerUser(PowerUser.of("ann")))
        .hasMessageContaining("already added");
    assertThatThrownBy(() -> CrowdPolicy.builder().crowdCategories("a").expertCategories("a")
        .build()).hasMessageContaining("in both crowdCategories and expertCategories");
    assertThat(crowd.question("q-9").orElseThrow().answers()).isEmpty();
    assertThat(crowd.ledger()).isEmpty();
  }

  @Test
  void points_canBeRedeemedByTheHost() {
    powerUsers();
    crowd.ask(Question.of("q-10", "u-10", "setup", "?"));
    crowd.acceptAnswer("q-10", crowd.answer("q-10", "cy", "like this"));
    LedgerEntry spent = crowd.redeem("cy", 4, "sticker");
    assertThat(spent.points()).isEqualTo(-4);
    assertThat(crowd.points("cy")).isEqualTo(6);
    assertThat(crowd.ledger()).extracting(LedgerEntry::balance).containsExactly(10L, 6L);
  }
}
