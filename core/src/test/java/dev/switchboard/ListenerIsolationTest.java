package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the threaded engine, listeners that block or throw cannot stop routing or starve other
 * listeners; what they miss or throw is counted.
 */
class ListenerIsolationTest {

  private static final long TIMEOUT_SECONDS = 20;

  private final CountDownLatch release = new CountDownLatch(1);
  private Switchboard sb;

  @AfterEach
  void tearDown() {
    release.countDown();
    if (sb != null) {
      sb.close();
    }
  }

  private final RoutingEventListener blocking = e -> {
    try {
      release.await(TIMEOUT_SECONDS * 3, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  };

  private final RoutingEventListener throwing = e -> {
    throw new IllegalStateException("listener bug on #" + e.sequence());
  };

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** Waits, bounded, for a condition that other threads make true. */
  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  /** Some routing work: an agent, items offered, accepted and completed. */
  private void routeSomeWork(int items) throws Exception {
    await(sb.addAgent(chatAgent("ann", 3)));
    await(sb.setPresence("ann", Presence.AVAILABLE));
    for (int i = 0; i < items; i++) {
      await(sb.submit(chat("e" + i)));
      await(sb.accept("ann", "e" + i));
      await(sb.complete("ann", "e" + i, Outcome.RESOLVED));
    }
  }

  @Test
  void blockingAndThrowingListeners_doNotStopRouting_orOtherListeners() throws Exception {
    List<RoutingEvent> seen = new CopyOnWriteArrayList<>();
    sb = Switchboard.builder().listener(blocking).listener(throwing).listener(seen::add).build();
    routeSomeWork(20);
    EngineSnapshot s = await(sb.snapshot());
    assertThat(s.items()).isEmpty();
    int expected = 2 + 20 * 4; // added, presence; then submitted, offered, assigned, completed
    eventually("the healthy listener saw every event", () -> seen.size() == expected);
    assertThat(seen.stream().mapToLong(RoutingEvent::sequence).toArray())
        .as("in order, none missing")
        .containsExactly(LongStream.rangeClosed(1, expected).toArray());
    eventually("every throw is counted",
        () -> sb.snapshot().toCompletableFuture().join().listenerFailures() == expected);
    assertThat(await(sb.snapshot()).droppedEvents()).isZero();
  }

  @Test
  void stuckListener_withASmallQueue_hasItsOverflowCounted() throws Exception {
    List<RoutingEvent> seen = new CopyOnWriteArrayList<>();
    int capacity = 4;
    sb = Switchboard.builder().listenerQueueCapacity(capacity).listener(blocking)
        .listener(seen::add).build();
    // the healthy listener must keep up with its own small queue, so go one command at a time
    await(sb.addAgent(chatAgent("ann", 3)));
    eventually("ann added seen", () -> seen.size() == 1);
    await(sb.setPresence("ann", Presence.AVAILABLE));
    eventually("presence seen", () -> seen.size() == 2);
    for (int i = 0; i < 10; i++) {
      await(sb.submit(chat("e" + i)));
      await(sb.accept("ann", "e" + i));
      await(sb.complete("ann", "e" + i, Outcome.RESOLVED));
      int want = 2 + 4 * (i + 1);
      eventually("events of e" + i + " seen", () -> seen.size() == want);
    }
    int total = seen.size();
    long dropped = await(sb.snapshot()).droppedEvents();
    // the stuck listener holds one event in hand and `capacity` in its queue
    assertThat(dropped).isBetween((long) total - capacity - 1, (long) total - capacity);
    assertThat(await(sb.snapshot()).listenerFailures()).isZero();
  }

  @Test
  void stages_completeOffTheEngineThread() throws Exception {
    CountDownLatch clockEntered = new CountDownLatch(1);
    CountDownLatch clockGate = new CountDownLatch(1);
    AtomicBoolean hold = new AtomicBoolean();
    InstantSource gatedClock = () -> {
      if (hold.get()) {
        clockEntered.countDown();
        try {
          clockGate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
      return Instant.now();
    };
    sb = Switchboard.builder().clock(gatedClock).build();
    hold.set(true);
    assertThat(clockEntered.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
    // the loop is parked in the clock, so the command cannot complete before we chain on it
    CompletableFuture<String> thread = sb.addAgent(chatAgent("ann"))
        .thenApply(v -> Thread.currentThread().getName()).toCompletableFuture();
    CompletableFuture<String> failedThread = sb.accept("ann", "nope")
        .handle((v, e) -> Thread.currentThread().getName()).toCompletableFuture();
    assertThat(thread).isNotDone();
    hold.set(false);
    clockGate.countDown();
    String name = thread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(name).isNotEqualTo("switchboard-engine")
        .isNotEqualTo(Thread.currentThread().getName());
    assertThat(failedThread.get(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .isNotEqualTo("switchboard-engine");
  }
}
