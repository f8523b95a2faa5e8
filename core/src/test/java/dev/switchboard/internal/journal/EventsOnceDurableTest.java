package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.JournalException;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import dev.switchboard.testing.HandJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * With a journal, listeners hear of what an entry did only once the entry, and every one before
 * it, is durable, and in entry order, however the journal completes its stages: a leader deposed
 * before its entries reached the journal must not have told anyone about them, since the new
 * leader gives their sequence numbers to other events. The replies an entry makes wait with its
 * events, in the same order.
 */
class EventsOnceDurableTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private final List<RoutingEvent> events = Collections.synchronizedList(new ArrayList<>());

  private SwitchboardBuilder builder(HandJournal journal) {
    return Switchboard.builder().clock(new ManualClock(T0)).listener(events::add)
        .journal(journal);
  }

  /** Five commands' worth of events: an agent, her presence, two items, an acceptance. */
  private static void work(Switchboard sb) {
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    sb.submit(WorkItem.builder("c1", Channel.CHAT).customer("x").build());
    sb.submit(WorkItem.builder("c2", Channel.CHAT).customer("y").build());
    sb.accept("ann", "c1");
  }

  private List<Long> sequences() {
    synchronized (events) {
      return events.stream().map(RoutingEvent::sequence).toList();
    }
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void listenersHearNothingBeforeTheEntriesAreDurable_andEverythingAfter_inSequenceOrder() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    work(sb);
    sb.drain();

    assertThat(journal.appended()).as("all five applied and appended").isEqualTo(5);
    assertThat(events).as("nothing is durable yet").isEmpty();

    journal.completeAll(); // the newest first, as a journal may
    sb.step(); // the manual engine calls listeners on the stepping thread

    assertThat(sequences()).isEqualTo(oneTo(events.size()));
    assertThat(events).hasSizeGreaterThanOrEqualTo(6);
    assertThat(events.get(0)).isInstanceOf(RoutingEvent.AgentAdded.class);
    assertThat(events).last().isInstanceOf(RoutingEvent.ItemAssigned.class);
  }

  @Test
  void anEntryWaitsForTheOnesBeforeIt_evenWhenItsOwnStageCompletedFirst() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    work(sb);
    sb.drain();

    journal.complete(2); // the first submit: after the agent and her presence
    sb.step();
    assertThat(events).isEmpty();

    journal.complete(0); // the agent
    sb.step();
    assertThat(events).singleElement().isInstanceOf(RoutingEvent.AgentAdded.class);

    journal.complete(0); // her presence: releases the submit that was waiting behind it
    sb.step();
    assertThat(events).anyMatch(e -> e instanceof RoutingEvent.ItemSubmitted s
        && s.item().id().equals("c1"));
    assertThat(events).noneMatch(e -> e instanceof RoutingEvent.ItemSubmitted s
        && s.item().id().equals("c2"));
    assertThat(sequences()).isEqualTo(oneTo(events.size()));
  }

  @Test
  void aGroupSharedStage_releasesManyCommandsAtOnce_withSequenceRisingByOne() {
    HandJournal journal = HandJournal.groupShared();
    ManualSwitchboard sb = builder(journal).buildManual();
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 50).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    for (int i = 0; i < 40; i++) {
      sb.submit(WorkItem.builder("c" + i, Channel.CHAT).customer("x" + i).build());
    }
    sb.drain();
    assertThat(journal.open()).as("one stage for all 42 entries").isEqualTo(1);
    assertThat(events).isEmpty();

    journal.completeAll();
    sb.step();

    assertThat(events).hasSizeGreaterThan(80);
    assertThat(sequences()).isEqualTo(oneTo(events.size()));
  }

  @Test
  void threadedEngine_aGroupSharedStage_releasesInSequenceOrder() throws Exception {
    HandJournal journal = HandJournal.groupShared();
    Switchboard sb = builder(journal).build();
    List<CompletionStage<Void>> calls = new ArrayList<>();
    try {
      calls.add(sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 50).build()));
      calls.add(sb.setPresence("ann", Presence.AVAILABLE));
      for (int i = 0; i < 40; i++) {
        calls.add(sb.submit(WorkItem.builder("c" + i, Channel.CHAT).customer("x" + i).build()));
      }
      journal.awaitAppended(42);
      assertThat(events).isEmpty();

      journal.completeAll(); // on this thread: it releases the events, in order
      for (CompletionStage<Void> call : calls) {
        call.toCompletableFuture().join();
      }
    } finally {
      sb.close(); // lets the listener finish its queue
    }
    assertThat(events).hasSizeGreaterThan(80);
    assertThat(sequences()).isEqualTo(oneTo(events.size()));
  }

  @Test
  void aFailedStage_itsEventsNeverReachListeners() {
    HandJournal journal = HandJournal.perEntry();
    ManualSwitchboard sb = builder(journal).buildManual();
    work(sb);
    sb.drain();

    journal.complete(0); // the agent is durable; nothing after it ever will be
    journal.failAll(new JournalException("the disk is gone"));
    sb.drain();
    sb.close();

    assertThat(events).singleElement().isInstanceOf(RoutingEvent.AgentAdded.class);
  }

  @Test
  void repliesSharingAGroupStage_leaveInTheOrderTheyWereMade() {
    HandJournal journal = HandJournal.groupShared();
    InMemoryChannelAdapter chat = new InMemoryChannelAdapter("web-chat", "chat",
        new AdapterTraits(ChannelTraits.synchronous(3), 4, true));
    ManualSwitchboard sb = builder(journal).deliveryExecutor(Runnable::run).adapter(chat)
        .buildManual();
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    chat.customerSends(ChannelIdentity.chat("alice"), "session-1", "hello");
    durable(sb, journal);
    sb.accept("ann", "web-chat:session-1#1");
    durable(sb, journal);

    for (int i = 1; i <= 5; i++) {
      sb.channels().reply("ann", "web-chat:session-1#1", "reply " + i);
    }
    sb.drain();
    assertThat(chat.sent()).isEmpty();

    journal.completeAll();

    assertThat(chat.sent()).extracting(OutboundMessage::body)
        .containsExactly("reply 1", "reply 2", "reply 3", "reply 4", "reply 5");
  }

  private static void durable(ManualSwitchboard sb, HandJournal journal) {
    sb.drain();
    journal.completeAll();
    sb.drain();
  }
}
