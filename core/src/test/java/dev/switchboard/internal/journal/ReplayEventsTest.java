package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code replayEvents(true)}: an engine built on a journal hands its listeners the events of every
 * entry it replays, equal to the ones the engine that wrote the journal emitted, with the same
 * sequence numbers, before any live event; a snapshot's state emits nothing, so the replayed
 * events start after it. This is what a failover checker compares a domain's log against.
 */
class ReplayEventsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final List<RoutingEvent> live = new ArrayList<>();
  /** Events heard by the live engine's listeners once each journal entry was appended. */
  private final Map<Long, Integer> heardAfterEntry = new HashMap<>();

  private static SwitchboardBuilder builder(ManualClock clock, InMemoryJournal journal) {
    return Switchboard.builder().clock(clock).offerTimeout(Duration.ofSeconds(30))
        .wrapUp(Channel.CHAT, Duration.ofSeconds(20)).journal(journal);
  }

  /**
   * Agents, items, offers accepted, rejected and timed out by the clock, completion and wrap-up,
   * cancellation and presence: the live engine, stepped one step at a time.
   */
  private ManualClock runScenario(InMemoryJournal journal) {
    ManualClock clock = new ManualClock(T0);
    ManualSwitchboard sb = builder(clock, journal).listener(live::add).buildManual();
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).capacity(Channel.EMAIL, 1)
        .build());
    sb.addAgent(Agent.builder("bob").capacity(Channel.CHAT, 1).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.setPresence("bob", Presence.AVAILABLE);
    settle(sb, journal);
    for (String id : List.of("c1", "c2", "c3")) {
      sb.submit(WorkItem.builder(id, Channel.CHAT).customer("cust-" + id).build());
    }
    sb.submit(WorkItem.builder("e1", Channel.EMAIL).customer("cust-e1").build());
    settle(sb, journal);
    String c1Agent = offeredTo("c1");
    sb.accept(c1Agent, "c1");
    sb.reject(offeredTo("c2"), "c2");
    settle(sb, journal);
    clock.advance(Duration.ofSeconds(31)); // the offers still open time out
    settle(sb, journal);
    sb.complete(c1Agent, "c1", Outcome.RESOLVED);
    settle(sb, journal);
    clock.advance(Duration.ofSeconds(25)); // wrap-up ends
    settle(sb, journal);
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.setPresence("bob", Presence.AVAILABLE);
    sb.cancel("c3");
    settle(sb, journal);
    clock.advance(Duration.ofMinutes(2));
    settle(sb, journal);
    sb.setPresence("bob", Presence.OFFLINE);
    settle(sb, journal);
    // no close: the next engine reads the journal as this one left it
    return clock;
  }

  private void settle(ManualSwitchboard sb, InMemoryJournal journal) {
    while (sb.step()) {
      heardAfterEntry.put(lastSequence(journal), live.size());
    }
  }

  private static long lastSequence(InMemoryJournal journal) {
    List<dev.switchboard.journal.JournalEntry> entries = journal.entries();
    return entries.isEmpty() ? journal.latestSnapshot().orElseThrow().sequence()
        : entries.get(entries.size() - 1).sequence();
  }

  private String offeredTo(String itemId) {
    for (int i = live.size() - 1; i >= 0; i--) {
      if (live.get(i) instanceof RoutingEvent.ItemOffered o && o.itemId().equals(itemId)) {
        return o.agentId();
      }
    }
    throw new AssertionError(itemId + " was not offered: " + live);
  }

  @Test
  void manualEngine_replaysTheEventsTheLiveEngineEmitted_exactly_beforeLiveOnes() {
    InMemoryJournal journal = Journals.inMemory();
    ManualClock clock = runScenario(journal);
    assertThat(live).hasSizeGreaterThan(20)
        .anyMatch(RoutingEvent.OfferTimedOut.class::isInstance)
        .anyMatch(RoutingEvent.OfferRejected.class::isInstance)
        .anyMatch(RoutingEvent.ItemCompleted.class::isInstance);

    List<RoutingEvent> heard = new ArrayList<>();
    ManualSwitchboard again = builder(clock, journal).replayEvents(true).listener(heard::add)
        .buildManual();
    assertThat(heard).as("handed over while the engine was built").isEqualTo(live);

    again.submit(WorkItem.builder("c9", Channel.CHAT).customer("late").build());
    again.drain();
    assertThat(heard.subList(live.size(), heard.size())).isNotEmpty()
        .first().isInstanceOf(RoutingEvent.ItemSubmitted.class);
    for (int i = 0; i < heard.size(); i++) {
      assertThat(heard.get(i).sequence()).isEqualTo(i + 1);
    }
  }

  @Test
  void threadedEngine_replaysTheEventsTheLiveEngineEmitted_exactly() {
    InMemoryJournal journal = Journals.inMemory();
    ManualClock clock = runScenario(journal);

    List<RoutingEvent> heard = Collections.synchronizedList(new ArrayList<>());
    Switchboard again = builder(clock, journal).replayEvents(true).listenerQueueCapacity(4)
        .listener(heard::add).build(); // a queue far smaller than the replay: nothing dropped
    long dropped = again.snapshot().toCompletableFuture().join().droppedEvents();
    again.close(); // lets the listener finish its queue

    assertThat(heard).isEqualTo(live);
    assertThat(dropped).isZero();
  }

  @Test
  void withASnapshotInTheJournal_theReplayedEventsStartAfterIt() {
    InMemoryJournal journal = Journals.inMemory(7);
    ManualClock clock = runScenario(journal);
    long snapshotAt = journal.latestSnapshot().orElseThrow().sequence();
    int heardBySnapshot = heardAfterEntry.get(snapshotAt);
    assertThat(heardBySnapshot).isBetween(1, live.size() - 1);

    List<RoutingEvent> heard = new ArrayList<>();
    builder(clock, journal).replayEvents(true).listener(heard::add).buildManual();

    assertThat(heard).isEqualTo(live.subList(heardBySnapshot, live.size()));
    assertThat(heard.get(0).sequence()).isEqualTo(heardBySnapshot + 1L);
  }

  @Test
  void withoutTheOption_replayIsSilent() {
    InMemoryJournal journal = Journals.inMemory();
    ManualClock clock = runScenario(journal);

    List<RoutingEvent> heard = new ArrayList<>();
    builder(clock, journal).listener(heard::add).buildManual().drain();

    assertThat(heard).isEmpty();
  }

  @Test
  void theOption_isSetOnce_andNeedsAJournal() {
    assertThatThrownBy(() -> Switchboard.builder().replayEvents(true).replayEvents(false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("replayEvents");
    assertThatThrownBy(() -> Switchboard.builder().replayEvents(true).buildManual())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("journal");
  }
}
