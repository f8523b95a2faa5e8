package dev.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ManualClock;
import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adapters reporting from many threads at once into the threaded engine, faster than its bounded
 * queue allows: every message accepted becomes exactly one item, every other one was rejected
 * with a reason, and the counts add up.
 */
class ConcurrentInboundTest {

  private static final int THREADS = 4;
  private static final int PER_THREAD = 300;

  @Test
  void concurrentFlood_everyAcceptedMessageBecomesExactlyOneItem() throws Exception {
    InMemoryChannelAdapter chat = ChannelFixture.chatAdapter("web-chat");
    List<RoutingEvent> events = new CopyOnWriteArrayList<>();
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    List<String> rejections = new CopyOnWriteArrayList<>();
    try (Switchboard sb = Switchboard.builder().clock(new ManualClock(ChannelFixture.T0))
        .adapter(chat).listener(events::add)
        .inboundLimits(InboundLimits.DEFAULT.withQueueCapacity(50)).build()) {
      CyclicBarrier barrier = new CyclicBarrier(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread worker = new Thread(() -> {
          try {
            barrier.await(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          for (int i = 0; i < PER_THREAD; i++) {
            String key = "t" + thread + "-" + i;
            InboundResult r = chat.customerSends(ChannelIdentity.chat("v-" + key), key, "hi")
                .toCompletableFuture().join();
            if (r.status() == InboundResult.Status.ACCEPTED) {
              accepted.add("web-chat:" + key);
            } else {
              rejections.add(r.reason());
            }
          }
        });
        threads.add(worker);
        worker.start();
      }
      for (Thread worker : threads) {
        worker.join(TimeUnit.SECONDS.toMillis(30));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (submitted(events).size() < accepted.size() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      AdapterStatus status = sb.channels().adapters().toCompletableFuture().join().get(0);

      assertThat(accepted.size() + rejections.size()).isEqualTo(THREADS * PER_THREAD);
      assertThat(rejections).allSatisfy(r -> assertThat(r).contains("inbound queue"));
      assertThat(submitted(events)).hasSameElementsAs(accepted).doesNotHaveDuplicates();
      assertThat(status.accepted()).isEqualTo(accepted.size());
      assertThat(status.rejectedQueueFull()).isEqualTo(rejections.size());
    }
  }

  /**
   * On the manual engine the stepping thread holds the engine while it completes stages, and a
   * health report's completion sends the next report; an adapter thread reporting inbound at the
   * same time must never wait for it while holding what the stepping thread needs.
   */
  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a deadlock fails, not hangs
  void adapterThreadReporting_whileTheManualLoopStepsHealthChanges_neverDeadlocks()
      throws Exception {
    InMemoryChannelAdapter chat = ChannelFixture.chatAdapter("web-chat");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat)
        .inboundLimits(InboundLimits.DEFAULT.withQueueCapacity(1_000_000)))) {
      Thread customers = new Thread(() -> {
        for (int i = 0; i < 2_000; i++) {
          chat.customerSends(ChannelIdentity.chat("v" + i), "s" + i, "hi");
        }
      });
      customers.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      for (int i = 0; customers.isAlive() && System.nanoTime() < deadline; i++) {
        chat.reportHealth(i % 2 == 0 ? Health.degraded("busy") : Health.up());
        f.sb.drain();
      }
      customers.join(TimeUnit.SECONDS.toMillis(1));

      assertThat(customers.isAlive()).as("the adapter thread finished").isFalse();
      f.sb.drain();
      assertThat(f.status("web-chat").accepted()).isEqualTo(2_000);
    }
  }

  private static List<String> submitted(List<RoutingEvent> events) {
    return events.stream().filter(ItemSubmitted.class::isInstance)
        .map(e -> ((ItemSubmitted) e).item().conversationId().orElseThrow())
        .collect(Collectors.toList());
  }
}
