package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable, at the edges: an adapter learns that the host owns a customer's
 * message only once its journal entry is durable; a redelivery after a crash is still a
 * duplicate; no adapter sees a reply before its entry is durable; and a delivery id never names
 * two different replies, however many times the host crashes.
 */
class AcknowledgedMeansDurableTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");
  private static final String ALICE_ITEM = "web-chat:session-1#1";

  private final List<RoutingEvent> events = new ArrayList<>();

  /**
   * A journal on a "disk" that survives the test's crashes: an append becomes durable only when
   * the test says so, and a crash keeps only what was durable.
   */
  private static final class Disk {
    final List<JournalEntry> durable = new ArrayList<>();

    /** A journal for one run of the host, recovering what is durable. */
    GatedJournal open() {
      return new GatedJournal(this);
    }
  }

  /** When a journal's appends become durable, and when their stages complete. */
  private enum Mode {
    /** Durable only at {@link GatedJournal#flush()}; stages complete then (SYNC). */
    FLUSHED,
    /** Durable only at {@link GatedJournal#flush()}; stages complete at once (ASYNC). */
    ACKED_EARLY,
    /** Durable at once. */
    IMMEDIATE
  }

  private static final class GatedJournal implements Journal {
    private final Disk disk;
    private final List<JournalEntry> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> stages = new ArrayList<>();
    private Mode mode = Mode.FLUSHED;

    GatedJournal(Disk disk) {
      this.disk = disk;
    }

    @Override
    public void recover(Recovery recovery) {
      disk.durable.forEach(recovery::entry);
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      CompletableFuture<Void> stage = new CompletableFuture<>();
      Mode now;
      synchronized (this) {
        written.add(entry);
        stages.add(stage);
        now = mode;
      }
      if (now == Mode.IMMEDIATE) {
        flush();
      } else if (now == Mode.ACKED_EARLY) {
        stage.complete(null);
      }
      return stage;
    }

    /** Makes everything written so far durable, in order, and completes its stages. */
    void flush() {
      List<CompletableFuture<Void>> done;
      synchronized (this) {
        disk.durable.addAll(written);
        written.clear();
        done = List.copyOf(stages);
        stages.clear();
      }
      done.forEach(s -> s.complete(null));
    }

    /** Switches mode; flushes first. */
    void mode(Mode next) {
      flush();
      synchronized (this) {
        mode = next;
      }
    }

    @Override
    public void snapshot(JournalSnapshot snapshot) {}

    @Override
    public void close() {}
  }

  private static InMemoryChannelAdapter chat() {
    return new InMemoryChannelAdapter("web-chat", "chat",
        new AdapterTraits(ChannelTraits.synchronous(3), 4, true));
  }

  private ManualSwitchboard host(ManualClock clock, Journal journal, InMemoryChannelAdapter chat) {
    ManualSwitchboard sb = Switchboard.builder().clock(clock).listener(events::add)
        .journal(journal).deliveryExecutor(Runnable::run).adapter(chat).buildManual();
    sb.drain(); // the adapter's first health report
    return sb;
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  @Test
  void inboundIsAnsweredOnlyOnceItsEntryIsDurable() {
    Disk disk = new Disk();
    GatedJournal journal = disk.open();
    InMemoryChannelAdapter chat = chat();
    ManualSwitchboard sb = host(new ManualClock(T0), journal, chat);
    journal.flush();

    CompletableFuture<InboundResult> answer =
        chat.customerSends(ALICE, "session-1", "hello", "up-1").toCompletableFuture();
    sb.drain();

    assertThat(events).as("applied, but listeners wait for the disk too")
        .filteredOn(ItemSubmitted.class::isInstance).isEmpty();
    assertThat(answer).as("applied, but not yet on disk").isNotDone();
    assertThat(chat.acknowledged("up-1")).isFalse();

    journal.flush();

    assertThat(answer).isCompletedWithValue(InboundResult.accepted());
    assertThat(chat.acknowledged("up-1")).as("the adapter may now acknowledge upstream").isTrue();
    sb.step();
    assertThat(events).filteredOn(ItemSubmitted.class::isInstance).hasSize(1);
  }

  @Test
  void messageNotYetDurableAtTheCrash_isLostOnlyWhereTheChannelStillHoldsIt() {
    Disk disk = new Disk();
    GatedJournal first = disk.open();
    InMemoryChannelAdapter chat = chat();
    host(new ManualClock(T0), first, chat);
    first.flush();
    CompletionStage<InboundResult> answer = chat.customerSends(ALICE, "session-1", "hello", "up-1");
    // the process dies before the entry reaches the disk: nothing was acknowledged upstream
    assertThat(answer.toCompletableFuture()).isNotDone();
    assertThat(chat.acknowledged("up-1")).isFalse();

    InMemoryChannelAdapter redelivered = chat();
    GatedJournal second = disk.open();
    second.mode(Mode.IMMEDIATE);
    ManualSwitchboard restarted = host(new ManualClock(T0.plusSeconds(5)), second, redelivered);
    InboundResult again = ok(restarted,
        redelivered.customerSends(ALICE, "session-1", "hello", "up-1"));

    assertThat(again).isEqualTo(InboundResult.accepted());
    assertThat(ok(restarted, restarted.snapshot()).item(ALICE_ITEM)).isPresent();
  }

  @Test
  void redeliveryAfterACrash_ofAMessageAlreadyDurable_isADuplicate_andRoutedOnce() {
    Disk disk = new Disk();
    GatedJournal first = disk.open();
    first.mode(Mode.IMMEDIATE);
    InMemoryChannelAdapter chat = chat();
    ManualSwitchboard sb = host(new ManualClock(T0), first, chat);
    assertThat(ok(sb, chat.customerSends(ALICE, "session-1", "hello", "up-1")))
        .isEqualTo(InboundResult.accepted());
    // the process dies before the adapter acknowledged upstream: the channel redelivers

    InMemoryChannelAdapter redelivering = chat();
    GatedJournal second = disk.open();
    second.mode(Mode.IMMEDIATE);
    events.clear();
    ManualSwitchboard restarted = host(new ManualClock(T0.plusSeconds(5)), second, redelivering);
    InboundResult again = ok(restarted,
        redelivering.customerSends(ALICE, "session-1", "hello", "up-1"));

    assertThat(again.status()).isEqualTo(InboundResult.Status.DUPLICATE);
    assertThat(again.reason()).contains("up-1");
    assertThat(redelivering.acknowledged("up-1")).as("a duplicate may be acknowledged").isTrue();
    assertThat(events).filteredOn(e -> e instanceof ItemSubmitted
        || e instanceof RoutingEvent.FollowUpReceived).isEmpty();
  }

  @Test
  void replyLeavesForTheAdapterOnlyOnceItsEntryIsDurable() {
    Disk disk = new Disk();
    GatedJournal journal = disk.open();
    InMemoryChannelAdapter chat = chat();
    ManualSwitchboard sb = host(new ManualClock(T0), journal, chat);
    journal.mode(Mode.IMMEDIATE);
    assignAliceToAnn(sb, chat);
    journal.mode(Mode.FLUSHED);

    CompletableFuture<String> id =
        sb.channels().reply("ann", ALICE_ITEM, "looking now").toCompletableFuture();
    sb.drain();
    assertThat(id).isNotDone();
    assertThat(chat.sent()).as("not on disk yet: the provider must not see it").isEmpty();

    journal.flush();

    assertThat(chat.sent()).extracting(OutboundMessage::deliveryId).containsExactly(id.join());
  }

  /**
   * The worst case: a journal that answers before the disk has the entry (ASYNC durability), so a
   * provider sees a reply whose entry the crash then loses. The restarted host must not give the
   * same id to its next reply: a provider that de-duplicates on ids would drop the new text.
   */
  @Test
  void deliveryIds_neverNameTwoDifferentReplies_acrossCrashes() {
    Disk disk = new Disk();
    java.util.Map<String, String> bodyById = new java.util.HashMap<>();
    ManualClock clock = new ManualClock(T0);
    for (int run = 0; run < 4; run++) {
      GatedJournal journal = disk.open();
      journal.mode(Mode.IMMEDIATE);
      InMemoryChannelAdapter chat = chat();
      ManualSwitchboard sb = host(clock, journal, chat);
      if (run == 0) {
        assignAliceToAnn(sb, chat);
      }
      ok(sb, sb.channels().reply("ann", ALICE_ITEM, "kept " + run));
      journal.mode(Mode.ACKED_EARLY);
      ok(sb, sb.channels().reply("ann", ALICE_ITEM, "lost " + run));
      for (OutboundMessage m : chat.sent()) {
        String earlier = bodyById.putIfAbsent(m.deliveryId(), m.body());
        assertThat(earlier).as("delivery id %s named %s and then %s", m.deliveryId(), earlier,
            m.body()).isIn(null, m.body());
      }
      clock.advance(java.time.Duration.ofSeconds(3)); // the crash, and the restart
    }

    assertThat(bodyById).hasSize(8);
    assertThat(bodyById.keySet()).allMatch(id -> id.matches("dlv-[0-9a-z]+-\\d+"));
  }

  /** A retry keeps its id: the provider's de-duplication is what makes retries safe. */
  @Test
  void aReplyKeepsItsIdAcrossItsRetries_andAcrossACrash() {
    Disk disk = new Disk();
    GatedJournal journal = disk.open();
    journal.mode(Mode.IMMEDIATE);
    InMemoryChannelAdapter chat = chat();
    ManualClock clock = new ManualClock(T0);
    ManualSwitchboard sb = host(clock, journal, chat);
    assignAliceToAnn(sb, chat);
    chat.failNext(dev.switchboard.spi.DeliveryException.retryable("provider busy"));
    String id = ok(sb, sb.channels().reply("ann", ALICE_ITEM, "try again"));

    InMemoryChannelAdapter restartedChat = chat();
    GatedJournal again = disk.open();
    again.mode(Mode.IMMEDIATE);
    clock.advance(java.time.Duration.ofMinutes(5));
    ManualSwitchboard restarted = host(clock, again, restartedChat);
    restarted.drain();

    assertThat(restartedChat.sent()).extracting(OutboundMessage::deliveryId)
        .containsExactly(id);
    assertThat(restartedChat.sent().get(0).attempt()).isGreaterThan(1);
  }

  private void assignAliceToAnn(ManualSwitchboard sb, InMemoryChannelAdapter chat) {
    ok(sb, sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build()));
    ok(sb, sb.setPresence("ann", Presence.AVAILABLE));
    ok(sb, chat.customerSends(ALICE, "session-1", "hello"));
    ok(sb, sb.accept("ann", ALICE_ITEM));
  }
}
