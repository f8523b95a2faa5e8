package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ticket's whole life on the manual clock: every phase, an expert escalation and a reopen. */
class TicketLifecycleScenarioTest {

  private final DeskFixture f = DeskFixture.of(b -> b.classifier(DeskFixture.keywords()));

  private void staff() {
    f.agent("tina", "triage", "billing", 1);
    f.agent("rita", "repro", "network", 6);
    f.agent("sam", "sme", "network", 9);
    f.agent("olga", "ops", "network", 7);
    f.agent("bea", "builders", "network", 5);
    f.agent("ivan", "builders", "network", 5);
  }

  @Test
  void ticket_goesThroughEveryPhase_reopensToTheSameAgent_andClosesConfirmed() {
    staff();
    Ticket t = f.desk.open(TicketRequest.of("t-1", "u-1", Channel.EMAIL, "wifi down",
        "the router drops wifi every hour"));
    assertThat(t.phase()).isEqualTo("intake");

    f.desk.advance("t-1", Actor.agent("tina"));
    f.settle();
    // the keyword classifier is sure it is a network problem, so the ticket moves on by itself
    assertThat(f.ticket("t-1").phase()).isEqualTo("recording");
    assertThat(f.ticket("t-1").classification().orElseThrow().categories())
        .containsExactly("network");
    assertThat(f.events(HelpDeskEvent.Classified.class)).singleElement()
        .satisfies(c -> assertThat(c.automatic()).isTrue());

    f.desk.advance("t-1", Actor.agent("tina"));
    f.settle();
    assertThat(f.ticket("t-1").phase()).isEqualTo("reproduction");
    f.presence("sam", Presence.away("break"));
    assertThat(f.completeWork("t-1", "reproduced")).isEqualTo("rita");

    // the expert tier: sam, the only expert, is on a break; after 10 minutes the pool widens
    assertThat(f.ticket("t-1").phase()).isEqualTo("expert");
    String expertItem = f.item("t-1");
    assertThat(f.holder(expertItem)).isEmpty();
    f.advance(DeskFixture.EXPERT_WAIT.minusSeconds(1));
    assertThat(f.holder(expertItem)).isEmpty();
    assertThat(f.events(HelpDeskEvent.Escalated.class)).isEmpty();
    f.advance(Duration.ofSeconds(1));
    assertThat(f.events(HelpDeskEvent.Escalated.class)).singleElement()
        .satisfies(e -> assertThat(e.itemId()).isEqualTo(expertItem));
    assertThat(f.holder(expertItem)).isPresent().get().isNotEqualTo("sam");
    f.completeWork("t-1", "fix-proposed");

    assertThat(f.ticket("t-1").phase()).isEqualTo("implementation");
    String implementer = f.completeWork("t-1", "resolved");
    String other = implementer.equals("bea") ? "ivan" : "bea";
    assertThat(f.ticket("t-1").lastAgent()).contains(implementer);

    f.desk.advance("t-1", Actor.system());
    f.settle();
    assertThat(f.ticket("t-1").phase()).isEqualTo("user-verification");

    f.clock.advance(Duration.ofDays(1));
    f.desk.reportStillBroken("t-1", "drops again at night");
    f.settle();
    Ticket reopened = f.ticket("t-1");
    assertThat(reopened.phase()).isEqualTo("implementation");
    assertThat(reopened.reopenCount()).isEqualTo(1);
    String again = f.item("t-1");
    assertThat(f.routing(ItemAssigned.class)).as("longest idle, so routing alone would pick "
        + other).anySatisfy(a -> assertThat(a.itemId() + a.agentId()).isEqualTo(again + other));
    assertThat(f.holder(again)).as("the reopened work goes to the agent who did it")
        .contains(implementer);

    f.completeWork("t-1", "resolved");
    f.desk.advance("t-1", Actor.system());
    f.desk.confirm("t-1");
    f.settle();

    Ticket closed = f.ticket("t-1");
    assertThat(closed.phase()).isEqualTo(Lifecycle.CLOSED);
    assertThat(closed.resolution()).contains(Resolution.CONFIRMED);
    assertThat(closed.currentItem()).isEmpty();
    assertThat(closed.history()).extracting(TicketTransition::to).containsExactly(
        "intake", "classification", "recording", "reproduction", "expert", "implementation",
        "system-verification", "user-verification", "implementation", "system-verification",
        "user-verification", "closed");
    assertThat(closed.history()).extracting(tr -> tr.actor().kind()).containsExactly(
        Actor.Kind.END_USER, Actor.Kind.AGENT, Actor.Kind.SYSTEM, Actor.Kind.AGENT,
        Actor.Kind.AGENT, Actor.Kind.AGENT, Actor.Kind.AGENT, Actor.Kind.SYSTEM,
        Actor.Kind.END_USER, Actor.Kind.AGENT, Actor.Kind.SYSTEM, Actor.Kind.END_USER);
    assertThat(closed.history().get(8).at())
        .isEqualTo(DeskFixture.T0.plus(DeskFixture.EXPERT_WAIT).plus(Duration.ofDays(1)));
    assertThat(f.events(HelpDeskEvent.PhaseChanged.class)).hasSize(closed.history().size());
  }

  @Test
  void confirmation_withNoAnswerInTime_closesUnconfirmed() {
    Lifecycle quick = Lifecycle.builder()
        .phase(Phase.work("fix", "implementation"))
        .phase(Phase.confirmation("confirm", Duration.ofDays(2)))
        .reopenTo("fix").build();
    DeskFixture g = DeskFixture.of(b -> b.lifecycle(quick));
    g.agent("ivan", "builders", "network", 5);
    g.desk.open(TicketRequest.of("t-3", "u-3", Channel.EMAIL, "printer", "jammed"));
    g.settle();
    g.completeWork("t-3", "resolved");
    assertThat(g.ticket("t-3").phase()).isEqualTo("confirm");

    g.advance(Duration.ofDays(2).minusSeconds(1));
    assertThat(g.ticket("t-3").isClosed()).isFalse();
    g.advance(Duration.ofSeconds(1));
    Ticket t = g.ticket("t-3");
    assertThat(t.resolution()).contains(Resolution.UNCONFIRMED);
    assertThat(t.history().get(t.history().size() - 1).actor()).isEqualTo(Actor.system());

    // a late "still broken" reopens the closed ticket to ivan
    g.desk.reportStillBroken("t-3", "jammed again");
    g.settle();
    assertThat(g.ticket("t-3").phase()).isEqualTo("fix");
    assertThat(g.holder(g.item("t-3"))).contains("ivan");
  }

  @Test
  void illegalMove_isRefusedNamingTheLegalMoves_andChangesNothing() {
    f.desk.open(TicketRequest.of("t-4", "u-4", Channel.EMAIL, "x", "y"));
    f.settle();
    Ticket before = f.ticket("t-4");
    assertThatThrownBy(() -> f.desk.moveTo("t-4", "implementation", Actor.host("h"), "jump"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot move from 'intake' to 'implementation'")
        .hasMessageContaining("[classification, closed]");
    assertThatThrownBy(() -> f.desk.moveTo("t-4", "limbo", Actor.host("h"), "jump"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("phase 'limbo' is not in the lifecycle; phases: [intake,");
    assertThatThrownBy(() -> f.desk.confirm("t-4"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("intake");
    assertThatThrownBy(() -> f.desk.advance("nope", Actor.system()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope' is not known");
    assertThatThrownBy(() -> f.desk.open(TicketRequest.of("t-4", "u-4", Channel.EMAIL, "", "")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already in use");
    assertThat(f.ticket("t-4")).isEqualTo(before);
  }

  @Test
  void closedTicket_canOnlyReopen() {
    f.desk.open(TicketRequest.of("t-5", "u-5", Channel.EMAIL, "x", "y"));
    f.desk.moveTo("t-5", Lifecycle.CLOSED, Actor.host("h"), "duplicate");
    f.settle();
    assertThat(f.ticket("t-5").resolution()).contains(Resolution.CLOSED_BY_HOST);
    assertThatThrownBy(() -> f.desk.advance("t-5", Actor.system()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> f.desk.moveTo("t-5", "intake", Actor.host("h"), "again"))
        .hasMessageContaining("legal moves from 'closed': [implementation]");
  }

  @Test
  void withdrawnWork_isCancelledInTheSwitchboard_whenTheHostMovesTheTicketOn() {
    f.desk.open(TicketRequest.of("t-6", "u-6", Channel.EMAIL, "wifi", "router"));
    f.settle();
    f.desk.moveTo("t-6", "classification", Actor.host("h"), "go");
    f.desk.advance("t-6", Actor.host("h"));
    f.desk.advance("t-6", Actor.host("h"));    // into reproduction; nobody is logged in
    f.settle();
    String item = f.item("t-6");
    f.desk.moveTo("t-6", Lifecycle.CLOSED, Actor.host("h"), "withdrawn");
    f.settle();
    assertThat(f.routing(dev.switchboard.event.RoutingEvent.ItemCancelled.class))
        .extracting(dev.switchboard.event.RoutingEvent.ItemCancelled::itemId).contains(item);
    assertThat(f.events(HelpDeskEvent.WorkWithdrawn.class)).isEmpty();
    List<ItemAssigned> none = f.routing(ItemAssigned.class);
    assertThat(none).isEmpty();
  }
}
