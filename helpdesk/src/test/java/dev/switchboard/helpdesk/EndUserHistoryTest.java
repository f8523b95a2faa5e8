package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import dev.switchboard.crowd.Crowd;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import org.junit.jupiter.api.Test;

/** What finished work says about end users: who helps themselves, whose input helps most. */
class EndUserHistoryTest {

  private static final Lifecycle SHORT = Lifecycle.builder()
      .phase(Phase.classification("classify", "triage"))
      .phase(Phase.manual("work"))
      .reopenTo("work").build();

  private final DeskFixture f = DeskFixture.of(b -> b.lifecycle(SHORT)
      .classifier(DeskFixture.keywords())
      .crowdPolicy(CrowdPolicy.builder().crowdCategories("how-to").build()));

  private void ticket(String id, String user, String text, boolean selfSolved) {
    f.desk.open(new TicketRequest(id, user, Channel.EMAIL, "", text, java.util.Map.of()));
    f.settle();
    if (!f.ticket(id).phase().equals("work")) {
      f.desk.classify(id, Classification.byPerson(java.util.List.of("other"),
          java.util.Map.of(), 0), Actor.agent("tina"));
    }
    if (selfSolved) {
      f.desk.solvedByUser(id);
    } else {
      f.desk.advance(id, Actor.agent("ivan"));
    }
  }

  @Test
  void rankings_comeFromFinishedWorkOnly() {
    ticket("t-1", "sally", "wifi broken", true);        // precise, self-solved
    ticket("t-2", "sally", "router broken", true);      // precise, self-solved
    ticket("t-3", "sally", "something odd", false);     // vague: triaged
    ticket("t-4", "vic", "it does not work", false);    // vague
    ticket("t-5", "vic", "nothing works", true);        // vague, self-solved
    ticket("t-6", "pam", "vpn down", false);            // precise
    f.desk.open(TicketRequest.of("t-7", "olly", Channel.EMAIL, "", "wifi"));   // still open
    f.settle();
    Crowd crowd = f.desk.crowd();
    crowd.addPowerUser(PowerUser.of("pam"));
    crowd.ask(Question.of("q-1", "olly", "how-to", "?"));
    crowd.acceptAnswer("q-1", crowd.answer("q-1", "pam", "like so"));

    EndUserHistory sally = f.desk.endUser("sally").orElseThrow();
    assertThat(sally.closedTickets()).isEqualTo(3);
    assertThat(sally.selfHelpRate()).isEqualTo(2.0 / 3);
    assertThat(sally.reportPrecision()).isEqualTo(2.0 / 3);
    assertThat(f.desk.endUser("olly").orElseThrow().closedTickets())
        .as("open tickets do not count").isZero();

    assertThat(f.desk.mostSelfReliant(10, 2)).extracting(EndUserHistory::userId)
        .containsExactly("sally", "vic");
    assertThat(f.desk.mostSelfReliant(1, 0)).extracting(EndUserHistory::userId)
        .containsExactly("sally");
    assertThat(f.desk.mostHelpfulInput(10)).extracting(EndUserHistory::userId)
        .as("pam: one precise report and one accepted answer; sally: two precise reports")
        .containsExactly("pam", "sally");
    assertThatThrownBy(() -> f.desk.mostHelpfulInput(0)).hasMessageContaining("limit");
  }
}
