package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the threaded engine an alert sink is host code like a listener: it is never called on the
 * engine loop, and one that blocks cannot stall routing.
 */
class AlertSinkIsolationTest {

  private static final long TIMEOUT_SECONDS = 20;
  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);
  private final AtomicReference<String> sinkThread = new AtomicReference<>();
  private final List<RoutingEvent> events = new CopyOnWriteArrayList<>();
  private Switchboard sb;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (sb != null) {
      sb.close();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void blockedSink_runsOffTheLoop_andRoutingGoesOn() throws Exception {
    sb = Switchboard.builder().clock(new ManualClock(START))
        .slaPolicy(SlaPolicy.builder("chat").firstResponse(Duration.ofMinutes(1))
            .alertOnBreach(AlertRecipient.SUPERVISOR).supervisor("sue").build())
        .alertSink(alert -> {
          sinkThread.set(Thread.currentThread().getName());
          entered.countDown();
          try {
            release.await(TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })
        .listener(events::add)
        .build();
    // created an hour ago: its first response breached before it arrived, so the alert is
    // raised as it is admitted
    await(sb.submit(WorkItem.builder("late", Channel.CHAT).customer("c")
        .createdAt(START.minusSeconds(3600)).build()));
    assertThat(entered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("sink called").isTrue();
    assertThat(sinkThread.get()).doesNotContain("engine");

    await(sb.addAgent(Agent.builder("ted").channel(Channel.CHAT).build()));
    await(sb.setPresence("ted", Presence.AVAILABLE));
    await(sb.accept("ted", "late"));
    assertThat(await(sb.snapshot()).item("late").orElseThrow().state())
        .as("routing went on while the sink was blocked").isEqualTo(ItemState.ASSIGNED);
    assertThat(entered.getCount()).isZero();
    assertThat(release.getCount()).as("the sink is still blocked").isEqualTo(1);
  }
}
