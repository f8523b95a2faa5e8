package dev.switchboard.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.ManualClock;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.index.IndexedMatcher;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * An unexpected exception inside the loop (a bug, a broken clock) may leave the engine half
 * changed, so the engine stops: the command fails with ENGINE_FAILED naming the cause, and so does
 * every command queued or sent later. Nothing waits forever.
 */
class EngineFailureTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private static CommandRejectedException failure(CompletionStage<?> stage) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(
        () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertThat(t).isInstanceOf(java.util.concurrent.ExecutionException.class);
    assertThat(t.getCause()).isInstanceOf(CommandRejectedException.class);
    return (CommandRejectedException) t.getCause();
  }

  @Test
  void manualEngine_aBugInADecision_stopsTheEngineAndFailsEveryLaterCommand() {
    AtomicBoolean broken = new AtomicBoolean();
    ManualEngine sb = new ManualEngine(TestSwitchboards.config(Switchboard.builder()
        .clock(new ManualClock(T0))), view -> new Matcher() {
          final IndexedMatcher real = new IndexedMatcher(view);

          public void agentAdded(LiveAgent a) { real.agentAdded(a); }
          public void agentRemoved(LiveAgent a) { real.agentRemoved(a); }
          public void beforeAgentChange(LiveAgent a) { real.beforeAgentChange(a); }
          public void afterAgentChange(LiveAgent a) { real.afterAgentChange(a); }
          public void enqueue(LiveItem i) { real.enqueue(i); }
          public void dequeue(LiveItem i) { real.dequeue(i); }
          public LiveItem bestItem(LiveAgent a) { return real.bestItem(a); }
          public boolean anyLoggedIn(Eligibility e) { return real.anyLoggedIn(e); }
          public java.util.List<LiveItem> unstaffedWaiting() { return real.unstaffedWaiting(); }
          public java.util.List<LiveItem> waitingFor(LiveAgent a) { return real.waitingFor(a); }

          public LiveAgent bestAgent(LiveItem i) {
            if (broken.get()) {
              throw new IllegalStateException("simulated bug");
            }
            return real.bestAgent(i);
          }
        });
    sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.drain();
    broken.set(true);
    CompletionStage<Void> bad = sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build());
    CompletionStage<Void> queued = sb.setPresence("ann", Presence.OFFLINE);
    sb.drain();
    assertThat(failure(bad).reason()).isEqualTo(Reason.ENGINE_FAILED);
    assertThat(failure(bad)).hasRootCauseMessage("simulated bug");
    assertThat(failure(queued).reason()).isEqualTo(Reason.ENGINE_FAILED);
    assertThat(failure(sb.cancel("c1")).reason()).isEqualTo(Reason.ENGINE_FAILED);
    assertThat(sb.step()).isFalse();
  }

  @Test
  void threadedEngine_aClockThatThrows_stopsTheEngineAndFailsCommands() {
    AtomicBoolean broken = new AtomicBoolean();
    InstantSource clock = () -> {
      if (broken.get()) {
        throw new IllegalStateException("clock unplugged");
      }
      return Instant.now();
    };
    try (Switchboard sb = Switchboard.builder().clock(clock).build()) {
      sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()).toCompletableFuture().join();
      broken.set(true);
      CommandRejectedException e = failure(
          sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build()));
      assertThat(e.reason()).isEqualTo(Reason.ENGINE_FAILED);
      assertThat(e).hasRootCauseMessage("clock unplugged");
      assertThatThrownBy(() -> sb.cancel("c1").toCompletableFuture().join())
          .isInstanceOf(CompletionException.class).hasMessageContaining("ENGINE_FAILED");
    }
  }

  @Test
  void threadedEngine_firesDueTimersBeforeApplyingACommand() {
    ManualClock clock = new ManualClock(T0);
    try (Switchboard sb = Switchboard.builder().clock(clock)
        .offerTimeout(java.time.Duration.ofSeconds(30)).build()) {
      sb.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()).toCompletableFuture().join();
      sb.setPresence("ann", Presence.AVAILABLE).toCompletableFuture().join();
      sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build())
          .toCompletableFuture().join();
      clock.advance(java.time.Duration.ofSeconds(31));
      // the offer expired at this clock reading, so the accept must find it closed
      CommandRejectedException e = failure(sb.accept("ann", "c1"));
      assertThat(e.reason()).isEqualTo(Reason.WRONG_STATE);
    }
  }
}
