package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEvent;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The help desk on a threaded switchboard, with events arriving on the listener thread. */
class HelpDeskThreadingTest {

  private static final Lifecycle ONE_STEP = Lifecycle.builder()
      .phase(Phase.classification("classify", "triage"))
      .phase(Phase.work("fix", "default"))
      .reopenTo("fix").build();

  @Test
  void ticketsOpenedFromManyThreads_areAllClassifiedRoutedAndClosed() throws Exception {
    int threads = 4;
    int perThread = 25;
    CountDownLatch closed = new CountDownLatch(threads * perThread);
    BlockingQueue<RoutingEvent.ItemAssigned> assigned = new LinkedBlockingQueue<>();
    try (HelpDesk desk = HelpDesk.builder().lifecycle(ONE_STEP)
        .classifier(DeskFixture.keywords())
        .listener(e -> {
          if (e instanceof HelpDeskEvent.PhaseChanged p
              && p.transition().to().equals(Lifecycle.CLOSED)) {
            closed.countDown();
          }
        }).build();
        Switchboard sb = Switchboard.builder().skills("network", "billing")
            .autoAccept(Channel.EMAIL)
            .listener(desk.listener())
            .listener(e -> {
              if (e instanceof RoutingEvent.ItemAssigned a) {
                assigned.add(a);
              }
            }).build()) {
      desk.connect(sb);
      sb.addAgent(Agent.builder("ivan").capacity(Channel.EMAIL, 50).skill("network", 9)
          .skill("billing", 9).build());
      sb.setPresence("ivan", Presence.AVAILABLE);
      Thread agent = new Thread(() -> {
        try {
          for (int i = 0; i < threads * perThread; i++) {
            RoutingEvent.ItemAssigned a = assigned.poll(10, TimeUnit.SECONDS);
            if (a == null) {
              return;
            }
            sb.complete(a.agentId(), a.itemId(), Outcome.RESOLVED);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      agent.start();
      CyclicBarrier start = new CyclicBarrier(threads);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      List<Thread> hosts = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Thread h = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < perThread; i++) {
              desk.open(TicketRequest.of("t-" + n + "-" + i, "u-" + n, Channel.EMAIL, "",
                  i % 2 == 0 ? "wifi router" : "invoice refund"));
            }
          } catch (Throwable e) {
            failure.set(e);
          }
        });
        hosts.add(h);
        h.start();
      }
      for (Thread h : hosts) {
        h.join();
      }
      assertThat(failure.get()).isNull();
      assertThat(closed.await(20, TimeUnit.SECONDS)).as("every ticket closed").isTrue();
      agent.join();
      HelpDeskStats stats = desk.stats();
      assertThat(stats.closedTickets()).isEqualTo(threads * perThread);
      assertThat(stats.openTickets()).isZero();
      assertThat(stats.classifierCalls()).isEqualTo(threads * perThread);
      assertThat(stats.commandFailures()).isZero();
      assertThat(desk.ticket("t-3-24").orElseThrow().resolution()).contains(Resolution.COMPLETED);
    }
  }

  @Test
  void ticker_firesDeadlinesOnItsOwnThread_whenNothingElseHappens() throws Exception {
    dev.switchboard.ManualClock clock = new dev.switchboard.ManualClock(DeskFixture.T0);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<String> thread = new AtomicReference<>();
    Lifecycle confirmOnly = Lifecycle.builder()
        .phase(Phase.confirmation("confirm", java.time.Duration.ofMinutes(1)))
        .reopenTo("confirm").build();
    try (HelpDesk desk = HelpDesk.builder().clock(clock).lifecycle(confirmOnly)
        .tickEvery(java.time.Duration.ofMillis(5))
        .listener(e -> {
          if (e instanceof HelpDeskEvent.PhaseChanged p
              && p.transition().to().equals(Lifecycle.CLOSED)) {
            thread.set(Thread.currentThread().getName());
            closed.countDown();
          }
        }).build();
        Switchboard sb = Switchboard.builder().clock(clock).listener(desk.listener()).build()) {
      desk.connect(sb);
      desk.open(TicketRequest.of("t-1", "u-1", Channel.EMAIL, "", ""));
      clock.advance(java.time.Duration.ofMinutes(1));
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(thread.get()).isEqualTo("switchboard-helpdesk-ticker");
      assertThat(desk.ticket("t-1").orElseThrow().resolution()).contains(Resolution.UNCONFIRMED);
      assertThat(desk.nextDeadline()).isEmpty();
    }
  }

  @Test
  void callsBeforeConnecting_areRefused() {
    try (HelpDesk desk = HelpDesk.builder().build()) {
      assertThatThrownBy(() -> desk.open(TicketRequest.of("t", "u", Channel.EMAIL, "", "")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("connect(switchboard)");
      assertThatThrownBy(() -> HelpDesk.builder().clock(java.time.Clock.systemUTC())
          .clock(java.time.Clock.systemUTC())).hasMessage("clock was already set");
      assertThatThrownBy(() -> HelpDesk.builder().confidenceThreshold(1.5))
          .hasMessage("confidenceThreshold is 1.5; allowed: 0.0 to 1.0");
    }
  }
}
