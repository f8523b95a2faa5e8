package dev.switchboard.crowd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Switchboard;
import dev.switchboard.helpdesk.HelpDesk;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Askers and helpers on real threads: every question ends once, and the counts add up. */
class CrowdConcurrencyTest {

  @Test
  void concurrentAsksAnswersAndAccepts_keepTheLedgerAndMeasuresConsistent() throws Exception {
    int threads = 4;
    int perThread = 50;
    try (HelpDesk desk = HelpDesk.builder()
        .crowdPolicy(CrowdPolicy.builder().crowdCategories("how-to").fanOut(2)
            .maxOpenOffers(1000).build()).build();
        Switchboard sb = Switchboard.builder().listener(desk.listener()).build()) {
      desk.connect(sb);
      Crowd crowd = desk.crowd();
      crowd.addPowerUser(PowerUser.of("ann"));
      crowd.addPowerUser(PowerUser.of("bob"));
      CyclicBarrier start = new CyclicBarrier(threads);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Thread w = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              String q = "q-" + n + "-" + i;
              CrowdQuestion asked = crowd.ask(Question.of(q, "u-" + n, "how-to", "?"));
              String helper = asked.offeredTo().get(i % asked.offeredTo().size());
              String a = crowd.answer(q, helper, "answer");
              if (i % 2 == 0) {
                crowd.acceptAnswer(q, a);
              } else {
                crowd.withdraw(q, false);
              }
            }
          } catch (Throwable e) {
            failure.set(e);
          }
        });
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
      assertThat(failure.get()).isNull();
      CrowdMeasures m = crowd.measures();
      int total = threads * perThread;
      assertThat(m.asked()).isEqualTo(total);
      assertThat(m.answered()).isEqualTo(total);
      assertThat(m.solvedByCrowd()).isEqualTo(total / 2);
      assertThat(m.abandoned()).isEqualTo(total / 2);
      assertThat(crowd.points("ann") + crowd.points("bob")).isEqualTo(10L * total / 2);
      assertThat(crowd.ledger()).hasSize(total / 2);
      assertThat(crowd.powerUsers()).allSatisfy(u -> assertThat(u.openOffers()).isZero());
    }
  }
}
