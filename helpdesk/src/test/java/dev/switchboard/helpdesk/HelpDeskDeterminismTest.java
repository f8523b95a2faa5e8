package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The same calls at the same clock readings give the same tickets, questions and events. */
class HelpDeskDeterminismTest {

  private static List<Object> run(long seed) {
    DeskFixture f = DeskFixture.of(b -> b.classifier(DeskFixture.keywords())
        .crowdPolicy(CrowdPolicy.builder().crowdCategories("how-to").fanOut(2).build()));
    f.agent("tina", "triage", "billing", 1);
    f.agent("rita", "repro", "network", 6);
    f.agent("sam", "sme", "network", 9);
    f.agent("bea", "builders", "network", 5);
    f.desk.crowd().addPowerUser(PowerUser.of("ann"));
    f.desk.crowd().addPowerUser(PowerUser.of("bob").withAccepted("how-to", 2));
    Random r = new Random(seed);
    String[] texts = {"wifi router", "invoice", "router invoice", "nothing", "vpn"};
    for (int i = 0; i < 40; i++) {
      f.desk.open(TicketRequest.of("t-" + i, "u-" + r.nextInt(5), Channel.EMAIL, "",
          texts[r.nextInt(texts.length)]));
      f.desk.advance("t-" + i, Actor.host("portal"));
      boolean toBob = f.desk.crowd().ask(Question.of("q-" + i, "u-" + r.nextInt(5), "how-to", "?"))
          .offeredTo().contains("bob");
      if (r.nextBoolean() && toBob) {
        f.desk.crowd().answer("q-" + i, "bob", "try this");
      }
      f.advance(Duration.ofMinutes(r.nextInt(120)));
      for (int k = 0; k < i; k++) {
        Ticket t = f.ticket("t-" + k);
        if (t.currentItem().isPresent() && f.holder(t.currentItem().get()).isPresent()
            && r.nextInt(3) == 0) {
          f.completeWork(t.id(), "done");
        } else if (t.phase().equals("recording") || t.phase().equals("system-verification")) {
          f.desk.advance(t.id(), Actor.host("portal"));
        } else if (t.phase().equals("user-verification") && k % 2 == 0 && r.nextBoolean()) {
          if (r.nextBoolean()) {
            f.desk.confirm(t.id());
          } else {
            f.desk.reportStillBroken(t.id(), "no");
          }
        }
      }
      f.settle();
    }
    f.advance(Duration.ofDays(8));          // odd tickets awaiting confirmation time out
    List<Object> out = new ArrayList<>();
    out.addAll(f.events);
    out.addAll(f.crowdEvents);
    out.addAll(f.routing);
    out.add(f.desk.stats());
    out.add(f.desk.crowd().measures());
    out.add(f.desk.mostSelfReliant(5, 0));
    return out;
  }

  @Test
  void twoRunsOfTheSameCalls_areIdentical() {
    List<Object> first = run(7);
    assertThat(first).hasSizeGreaterThan(500);
    assertThat(first).as("the run reaches every kind of ending")
        .anySatisfy(e -> assertThat(e).asString().contains("still broken"))
        .anySatisfy(e -> assertThat(e).asString().contains("(CONFIRMED)"))
        .anySatisfy(e -> assertThat(e).asString().contains("(UNCONFIRMED)"))
        .anySatisfy(e -> assertThat(e).asString().contains("QuestionEnded"));
    assertThat(run(7)).isEqualTo(first);
  }
}
