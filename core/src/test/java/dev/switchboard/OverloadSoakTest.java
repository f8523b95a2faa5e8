package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CommandRejectedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The threaded engine fed far past what it applies, by producer threads that never wait, while a
 * slow listener and slow callers' callbacks hold it back: every call is accepted or refused with
 * OVERLOADED, the work waiting stays within the bounds, and every accepted item is in the engine
 * at the end. The quick slice runs in the build; {@code -Dswitchboard.soak.seconds=N} runs each
 * producer for N seconds instead (see docs/durability.md for the recorded long run).
 */
class OverloadSoakTest {

  private static final int PRODUCERS = 4;
  private static final int CAPACITY = 1_024;

  @Test
  void floodedEngine_acceptsOrRefusesEveryCall_withinItsBounds_andLosesNothing()
      throws Exception {
    long seconds = Long.getLong("switchboard.soak.seconds", 0);
    int quickCalls = 25_000;
    LongAdder refused = new LongAdder();
    LongAdder slowCallbacks = new LongAdder();
    Map<String, CompletableFuture<Void>> accepted = new ConcurrentHashMap<>();
    AtomicLong inFlight = new AtomicLong();
    AtomicLong maxInFlight = new AtomicLong();
    long heapBefore = usedHeapAfterGc();
    try (Switchboard sb = Switchboard.builder().commandQueueCapacity(CAPACITY)
        .listenerQueueCapacity(4_096).listener(e -> Thread.onSpinWait()).build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        Thread t = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
          for (int i = 0; seconds > 0 ? System.nanoTime() - end < 0 : i < quickCalls; i++) {
            String id = "p" + producer + "-" + i;
            CompletableFuture<Void> call = sb.submit(WorkItem.builder(id, Channel.CHAT)
                .customer("c-" + id).build()).toCompletableFuture();
            long now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            call.whenComplete((ok, failure) -> {
              inFlight.decrementAndGet();
              if (failure == null && (id.hashCode() & 1023) == 0) {
                slowCallbacks.increment();
                spin(50_000); // a caller's slow code on the callback thread
              }
            });
            if (call.isCompletedExceptionally()) {
              assertThat(reason(call)).isEqualTo(Reason.OVERLOADED);
              refused.increment();
            } else {
              accepted.put(id, call);
            }
          }
        }, "producer-" + p);
        producers.add(t);
        t.start();
      }
      start.countDown();
      for (Thread t : producers) {
        t.join(TimeUnit.SECONDS.toMillis(seconds + 120));
        assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
      }
      for (CompletableFuture<Void> call : accepted.values()) {
        call.get(60, TimeUnit.SECONDS); // no accepted call fails or is left hanging
      }
      EngineSnapshot end = sb.snapshot().toCompletableFuture().get(60, TimeUnit.SECONDS);

      assertThat(refused.sum()).as("fed past its capacity: some calls were refused")
          .isPositive();
      assertThat(end.items()).as("every accepted item is in the engine")
          .hasSize(accepted.size());
      assertThat(end.items()).allMatch(v -> accepted.containsKey(v.item().id()));
      assertThat(maxInFlight.get()).as("calls not yet answered at any moment")
          .isLessThanOrEqualTo(2L * CAPACITY + 2 + PRODUCERS);
    }
    long heapAfter = usedHeapAfterGc();
    System.out.printf("overload soak: %d producers, %s; accepted %d, refused %d (OVERLOADED),"
        + " %d slow callbacks, at most %d calls in flight; heap after GC %d MiB -> %d MiB%n",
        PRODUCERS, seconds > 0 ? seconds + " s each" : quickCalls + " calls each",
        accepted.size(), refused.sum(), slowCallbacks.sum(), maxInFlight.get(),
        heapBefore >> 20, heapAfter >> 20);
  }

  private static Reason reason(CompletableFuture<?> call) {
    Throwable failure = call.handle((v, e) -> e).join();
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return ((CommandRejectedException) cause).reason();
  }

  private static void spin(long nanos) {
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }
}
