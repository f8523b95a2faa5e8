package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After a restart, timers keep the deadlines they were given from the recorded clock readings:
 * one still ahead fires when due; one that passed while the host was down fires at the first
 * reading after the restart, in deadline order. An offer outstanding at the crash therefore
 * stays open until its original expiry (the agent may still accept it), and times out then.
 */
class RecoveredTimersTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final InMemoryJournal journal = Journals.inMemory();
  private final List<RoutingEvent> events = new ArrayList<>();

  private ManualSwitchboard engine(ManualClock clock) {
    return Switchboard.builder().clock(clock).offerTimeout(Duration.ofSeconds(30))
        .wrapUp(Channel.CHAT, Duration.ofSeconds(60)).listener(events::add).journal(journal)
        .buildManual();
  }

  /** Before the "crash": a1 has an open offer of i1 (expiring T0+30s). */
  private void offerOutstanding() {
    ManualSwitchboard sb = engine(new ManualClock(T0));
    sb.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 1).build());
    sb.setPresence("a1", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("i1", Channel.CHAT).customer("c").build());
    sb.drain();
    // no close: the process "dies" here; the in-memory journal holds what it held
    events.clear();
  }

  @Test
  void threadedEngine_journalsTimersThatFireWithNoCommand() throws Exception {
    ManualClock clock = new ManualClock(T0);
    java.util.concurrent.CountDownLatch timedOut = new java.util.concurrent.CountDownLatch(1);
    Switchboard threaded = Switchboard.builder().clock(clock).offerTimeout(Duration.ofSeconds(30))
        .wrapUp(Channel.CHAT, Duration.ofSeconds(60)).journal(journal)
        .listener(e -> {
          if (e instanceof RoutingEvent.OfferTimedOut) {
            timedOut.countDown();
          }
        }).build();
    threaded.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 1).build());
    threaded.setPresence("a1", Presence.AVAILABLE);
    threaded.submit(WorkItem.builder("i1", Channel.CHAT).customer("c").build())
        .toCompletableFuture().join();
    clock.advance(Duration.ofSeconds(31)); // the loop follows the clock and fires the offer timer
    assertThat(timedOut.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    var before = threaded.snapshot().toCompletableFuture().join();
    threaded.close();
    CommandCodec codec = new CommandCodec(List.of(Channel.CHAT));
    assertThat(journal.entries()).last().satisfies(e ->
        assertThat(codec.decode(e.payload()).command()).as("a tick entry").isNull());
    ManualSwitchboard restarted = engine(clock);
    var after = restarted.snapshot();
    restarted.drain();
    assertThat(after.toCompletableFuture().join().items()).isEqualTo(before.items())
        .singleElement().extracting(v -> v.state()).isEqualTo(dev.switchboard.ItemState.QUEUED);
    assertThat(after.toCompletableFuture().join().agents()).isEqualTo(before.agents());
  }

  @Test
  void offerStillOpenAtRestart_canBeAccepted_andExpiresAtItsOriginalTime() {
    offerOutstanding();
    ManualClock clock = new ManualClock(T0.plusSeconds(10));
    ManualSwitchboard sb = engine(clock);
    assertThat(sb.nextDeadline()).contains(T0.plusSeconds(30));
    sb.drain();
    assertThat(events).isEmpty();
    clock.set(T0.plusSeconds(30));
    sb.drain();
    assertThat(events).filteredOn(RoutingEvent.OfferTimedOut.class::isInstance)
        .singleElement().extracting(RoutingEvent::at).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void offerThatExpiredWhileDown_timesOutAtTheFirstReadingAfterRestart() {
    offerOutstanding();
    Instant restart = T0.plus(Duration.ofHours(1));
    ManualSwitchboard sb = engine(new ManualClock(restart));
    sb.drain();
    assertThat(events).first().isInstanceOfSatisfying(RoutingEvent.OfferTimedOut.class, e -> {
      assertThat(e.itemId()).isEqualTo("i1");
      assertThat(e.at()).isEqualTo(restart);
    });
  }

  @Test
  void wrapUpThatEndedWhileDown_completesAtTheFirstReadingAfterRestart() {
    ManualSwitchboard before = engine(new ManualClock(T0));
    before.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 1).build());
    before.setPresence("a1", Presence.AVAILABLE);
    before.submit(WorkItem.builder("i1", Channel.CHAT).customer("c").build());
    before.accept("a1", "i1");
    before.complete("a1", "i1", Outcome.RESOLVED);
    before.drain();
    assertThat(events).last().isInstanceOf(RoutingEvent.WrapUpStarted.class);
    events.clear();
    Instant restart = T0.plusSeconds(120);
    ManualSwitchboard sb = engine(new ManualClock(restart));
    assertThat(sb.nextDeadline()).contains(T0.plusSeconds(60));
    sb.drain();
    assertThat(events).filteredOn(RoutingEvent.ItemCompleted.class::isInstance).singleElement()
        .extracting(RoutingEvent::at).isEqualTo(restart);
    var snapshot = sb.snapshot();
    sb.drain();
    assertThat(snapshot.toCompletableFuture().join().items()).isEmpty();
  }
}
