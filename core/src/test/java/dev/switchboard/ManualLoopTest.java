package dev.switchboard;

import static dev.switchboard.Fixture.chat;
import static dev.switchboard.Fixture.chatAgent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The manual loop runs only when stepped, timers first, and tolerates listeners that step it. */
class ManualLoopTest {

  private final Fixture f = Fixture.plain();

  @Test
  void result_runsTheLoop_andReturnsTheValue_orThrowsTheRejectionUnwrapped() {
    f.sb.result(f.sb.addAgent(chatAgent("ann")));
    assertThat(f.sb.result(f.sb.snapshot()).agents()).hasSize(1);
    CommandRejectedException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> f.sb.result(f.sb.addAgent(chatAgent("ann"))), CommandRejectedException.class);
    assertThat(e.reason()).isEqualTo(CommandRejectedException.Reason.DUPLICATE_AGENT);
  }

  @Test
  void result_waitsForAJournalThatCompletesOnAThreadOfItsOwn() {
    java.util.concurrent.Executor writer = CompletableFuture.delayedExecutor(
        20, java.util.concurrent.TimeUnit.MILLISECONDS);
    dev.switchboard.journal.Journal journal = new dev.switchboard.journal.Journal() {
      @Override
      public void recover(Recovery recovery) {}

      @Override
      public java.util.concurrent.CompletionStage<Void> append(
          dev.switchboard.journal.JournalEntry entry) {
        return CompletableFuture.runAsync(() -> { }, writer);
      }

      @Override
      public void close() {}
    };
    try (ManualSwitchboard sb = Switchboard.builder().journal(journal).buildManual()) {
      CompletableFuture<Void> added = sb.addAgent(chatAgent("ann")).toCompletableFuture();
      sb.drain();
      sb.result(added);
      assertThat(added).isCompleted();
      assertThat(sb.result(sb.snapshot()).agents()).hasSize(1);
    }
  }

  @Test
  void commands_waitUntilTheLoopIsStepped() {
    assertThat(f.sb.queuedCommands()).isZero();
    CompletableFuture<Void> added = f.sb.addAgent(chatAgent("ann")).toCompletableFuture();
    assertThat(f.sb.queuedCommands()).as("waiting for the loop").isEqualTo(1);
    assertThat(added).isNotDone();
    assertThat(f.events).isEmpty();
    assertThat(f.sb.step()).isTrue();
    assertThat(f.sb.queuedCommands()).isZero();
    assertThat(added).isCompleted();
    assertThat(f.events).hasSize(1);
    assertThat(f.sb.step()).as("nothing left to do").isFalse();
  }

  @Test
  void drain_returnsTheNumberOfSteps() {
    f.sb.addAgent(chatAgent("ann"));
    f.sb.setPresence("ann", Presence.AVAILABLE);
    f.sb.submit(chat("e1"));
    assertThat(f.sb.drain()).isEqualTo(3);
    f.clock.advance(Duration.ofSeconds(30));
    assertThat(f.sb.drain()).as("one step fires the due offer timer").isEqualTo(1);
    assertThat(f.events(OfferTimedOut.class)).hasSize(1);
  }

  @Test
  void step_firesDueTimersBeforeTheNextCommand() {
    f.addAvailable(chatAgent("ann"));
    f.submit(chat("e1"));
    f.clock.advance(Duration.ofSeconds(30));
    CompletableFuture<Void> late = f.sb.accept("ann", "e1").toCompletableFuture();
    f.sb.step();
    assertThat(late).as("the timer ran first").isNotDone();
    assertThat(f.events(OfferTimedOut.class)).hasSize(1);
    f.sb.step();
    assertThat(late).isCompletedExceptionally();
  }

  @Test
  void listener_thatStepsTheLoop_seesEveryEventOnce_inOrder() {
    List<RoutingEvent> seen = new ArrayList<>();
    AtomicReference<ManualSwitchboard> engine = new AtomicReference<>();
    ManualSwitchboard sb = Switchboard.builder().clock(f.clock).listener(e -> {
      seen.add(e);
      ManualSwitchboard self = engine.get();
      if (e instanceof ItemOffered o) {
        self.accept(o.agentId(), o.itemId());
        self.drain();
      } else if (e instanceof ItemAssigned a) {
        self.complete(a.agentId(), a.itemId(), Outcome.RESOLVED);
        self.drain();
      }
    }).buildManual();
    engine.set(sb);
    sb.addAgent(chatAgent("ann", 1));
    sb.setPresence("ann", Presence.AVAILABLE);
    for (int i = 0; i < 3; i++) {
      sb.submit(chat("e" + i));
    }
    sb.drain();
    assertThat(seen.stream().mapToLong(RoutingEvent::sequence).toArray())
        .containsExactly(LongStream.rangeClosed(1, seen.size()).toArray());
    assertThat(seen).filteredOn(e -> e instanceof ItemCompleted).hasSize(3);
    CompletableFuture<EngineSnapshot> end = sb.snapshot().toCompletableFuture();
    sb.drain();
    assertThat(end.join().items()).isEmpty();
  }
}
