package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.event.RoutingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Closing applies what was sent, delivers what was emitted, and may be called from anywhere. */
class CloseTest {

  /** Far below the 30 seconds close() would wait for a thread that is waiting for close(). */
  private static final long TIMEOUT_SECONDS = 15;

  private static Reason reasonOf(CompletionStage<?> stage) {
    Throwable t = catchThrowable(() -> stage.toCompletableFuture().get(TIMEOUT_SECONDS,
        TimeUnit.SECONDS));
    assertThat(t).hasCauseInstanceOf(CommandRejectedException.class);
    return ((CommandRejectedException) t.getCause()).reason();
  }

  @Test
  void close_appliesCommandsAlreadySent_andDeliversTheirEvents() throws Exception {
    List<RoutingEvent> seen = new CopyOnWriteArrayList<>();
    Switchboard sb = Switchboard.builder().listener(seen::add).build();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    sent.add(sb.addAgent(chatAgent("ann")).toCompletableFuture());
    sent.add(sb.setPresence("ann", Presence.AVAILABLE).toCompletableFuture());
    for (int i = 0; i < 50; i++) {
      sent.add(sb.submit(chat("e" + i)).toCompletableFuture());
    }
    sb.close();
    for (CompletableFuture<Void> s : sent) {
      s.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    // 2 agent events; 50 submitted; 3 offered (chat capacity), 47 queued
    assertThat(seen).hasSize(2 + 50 + 50);
    assertThat(reasonOf(sb.submit(chat("late")))).isEqualTo(Reason.ENGINE_CLOSED);
  }

  @Test
  void close_twice_isHarmless() {
    ManualSwitchboard manual = Switchboard.builder().buildManual();
    manual.close();
    manual.close();
    assertThat(reasonOf(manual.snapshot())).isEqualTo(Reason.ENGINE_CLOSED);
    Switchboard threaded = Switchboard.builder().build();
    threaded.close();
    threaded.close();
    assertThat(reasonOf(threaded.snapshot())).isEqualTo(Reason.ENGINE_CLOSED);
  }

  @Test
  void close_fromAStageCallback_doesNotWaitForThatCallback() throws Exception {
    Switchboard sb = Switchboard.builder().build();
    CountDownLatch closed = new CountDownLatch(1);
    sb.addAgent(chatAgent("ann")).thenRun(() -> {
      sb.close();
      closed.countDown();
    });
    assertThat(closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .as("close() returned inside the callback").isTrue();
    assertThat(reasonOf(sb.snapshot())).isEqualTo(Reason.ENGINE_CLOSED);
  }

  @Test
  void close_fromAListener_doesNotWaitForThatListener() throws Exception {
    AtomicReference<Switchboard> engine = new AtomicReference<>();
    CountDownLatch closed = new CountDownLatch(1);
    List<RoutingEvent> other = new CopyOnWriteArrayList<>();
    Switchboard sb = Switchboard.builder()
        .listener(e -> {
          if (e instanceof RoutingEvent.AgentAdded) {
            engine.get().close();
            closed.countDown();
          }
        })
        .listener(other::add)
        .build();
    engine.set(sb);
    sb.addAgent(chatAgent("ann"));
    assertThat(closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        .as("close() returned inside the listener").isTrue();
    assertThat(other).as("the other listener got its event before close returned").hasSize(1);
    assertThat(reasonOf(sb.snapshot())).isEqualTo(Reason.ENGINE_CLOSED);
  }
}
