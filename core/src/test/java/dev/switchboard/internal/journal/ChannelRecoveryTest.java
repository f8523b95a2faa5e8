package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.event.RoutingEvent.DeliveryFailed;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.image.ChannelImage;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the loop knows of its channels survives a crash, whether recovery replays every entry or
 * restores a snapshot: conversations' adapters, replies in the outbox (in flight, waiting to
 * retry, waiting for a down adapter), dead letters, customers' histories and merges. Replayed
 * entries start no deliveries; a reply in flight at the crash is retried when its recovered
 * attempt timeout fires, through the adapter of the restarted host.
 */
class ChannelRecoveryTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");
  private static final ChannelIdentity BOB = ChannelIdentity.phone("+15550002222");
  private static final String ALICE_ITEM = "web-chat:session-1#1";

  private final List<RoutingEvent> events = new ArrayList<>();

  /**
   * Both adapters may start contact: a fresh in-memory adapter forgets which conversations its
   * customers opened (a real provider would not), and would otherwise refuse the retried replies.
   */
  private static InMemoryChannelAdapter chat() {
    return new InMemoryChannelAdapter("web-chat", "chat",
        new AdapterTraits(ChannelTraits.synchronous(3), 4, true));
  }

  private static InMemoryChannelAdapter sms() {
    return new InMemoryChannelAdapter("sms-line", "sms",
        new AdapterTraits(ChannelTraits.asynchronous(5), 1, true));
  }

  private ManualSwitchboard engine(ManualClock clock, Journal journal,
      InMemoryChannelAdapter... adapters) {
    ManualSwitchboard sb = recovered(clock, journal, adapters);
    sb.drain(); // the adapters' first health reports
    return sb;
  }

  /** Built and recovered; the adapters' first health reports wait for the first step. */
  private ManualSwitchboard recovered(ManualClock clock, Journal journal,
      InMemoryChannelAdapter... adapters) {
    var b = Switchboard.builder().clock(clock).listener(events::add).journal(journal)
        .deliveryExecutor(Runnable::run)
        .deliveryPolicy(DeliveryPolicy.DEFAULT.withMaxAttempts(3)
            .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60))
            .withAttemptTimeout(Duration.ofSeconds(10)));
    for (InMemoryChannelAdapter a : adapters) {
      b.adapter(a);
    }
    return b.buildManual();
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  /** Before the "crash": Alice wrote on chat, ann holds it and replied; the reply hangs. */
  private String replyInFlight(Journal journal, InMemoryChannelAdapter chat) {
    ManualSwitchboard sb = engine(new ManualClock(T0), journal, chat);
    ok(sb, sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build()));
    ok(sb, sb.setPresence("ann", Presence.AVAILABLE));
    chat.customerSends(ALICE, "session-1", "hello");
    sb.drain();
    ok(sb, sb.accept("ann", ALICE_ITEM));
    chat.holdDeliveries();
    String deliveryId = ok(sb, sb.channels().reply("ann", ALICE_ITEM, "looking now"));
    assertThat(chat.sent()).isEmpty();
    // no close: the process dies with the attempt in flight
    events.clear();
    return deliveryId;
  }

  @ParameterizedTest(name = "snapshot every {0} entries (0: replay only)")
  @ValueSource(ints = {0, 1})
  void replyInFlightAtTheCrash_isDeliveredAfterItsRecoveredAttemptTimesOut(int snapshots) {
    InMemoryJournal journal = snapshots == 0 ? Journals.inMemory() : Journals.inMemory(snapshots);
    String deliveryId = replyInFlight(journal, chat());

    InMemoryChannelAdapter restartedChat = chat();
    ManualClock clock = new ManualClock(T0.plusSeconds(5));
    ManualSwitchboard sb = engine(clock, journal, restartedChat);
    assertThat(restartedChat.sent()).as("recovery starts no delivery").isEmpty();
    assertThat(sb.nextDeadline()).as("the attempt's recovered timeout")
        .contains(T0.plusSeconds(10));

    clock.set(T0.plusSeconds(10));
    sb.drain();
    assertThat(events).filteredOn(DeliveryFailed.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((DeliveryFailed) e).attempt()).isEqualTo(1));
    assertThat(restartedChat.sent()).isEmpty();

    clock.set(T0.plusSeconds(12)); // the first backoff
    sb.drain();
    assertThat(restartedChat.sent()).singleElement().satisfies(m -> {
      assertThat(m.deliveryId()).isEqualTo(deliveryId);
      assertThat(m.attempt()).isEqualTo(2);
      assertThat(m.recipient()).isEqualTo(ALICE);
      assertThat(m.conversationKey()).isEqualTo("session-1");
      assertThat(m.body()).isEqualTo("looking now");
    });
    assertThat(events).filteredOn(MessageDelivered.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((MessageDelivered) e).deliveryId()).isEqualTo(deliveryId));
    sb.close();
  }

  /**
   * Every kind of channel state at once, restored from a snapshot taken after the last entry and
   * rebuilt from the entries alone: both equal the writer's image, and the restarted host
   * delivers what was pending.
   */
  @ParameterizedTest(name = "snapshot every {0} entries (0: replay only)")
  @ValueSource(ints = {0, 1})
  void everyKindOfChannelState_survivesTheCrash(int snapshots) {
    InMemoryJournal journal = snapshots == 0 ? Journals.inMemory() : Journals.inMemory(snapshots);
    InMemoryChannelAdapter chat = chat();
    InMemoryChannelAdapter sms = sms();
    ManualClock clock = new ManualClock(T0);
    ManualSwitchboard writer = engine(clock, journal, chat, sms);
    ok(writer, writer.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 3)
        .capacity(Channel.SMS, 3).build()));
    ok(writer, writer.setPresence("ann", Presence.AVAILABLE));
    chat.customerSends(ALICE, "session-1", "hello");
    sms.customerSends(BOB, "thread-9", "my order?");
    writer.drain();
    ok(writer, writer.accept("ann", ALICE_ITEM));
    ok(writer, writer.accept("ann", "sms-line:thread-9#1"));
    ok(writer, writer.channels().reply("ann", ALICE_ITEM, "delivered at once"));
    chat.failNext(DeliveryException.permanent("blocked by the customer"));
    ok(writer, writer.channels().reply("ann", ALICE_ITEM, "dead letter"));
    chat.failNext(DeliveryException.retryable("provider busy"));
    String retrying = ok(writer, writer.channels().reply("ann", ALICE_ITEM, "retry me"));
    sms.reportHealth(Health.down("provider outage"));
    writer.drain();
    String waiting = ok(writer, writer.channels().reply("ann", "sms-line:thread-9#1",
        "waiting for the line"));
    ok(writer, writer.complete("ann", ALICE_ITEM, Outcome.RESOLVED));
    ok(writer, writer.supervisor().mergeCustomers(customerOf(writer, "sms-line:thread-9#1"),
        customerOf(writer, "web-chat:session-1#1")));
    clock.advance(Duration.ofSeconds(1));
    writer.drain();
    StateImage before = ((ManualEngine) writer).engine().exportState();
    assertThat(before.channels().outbox()).extracting(ChannelImage.DeliveryImage::state)
        .containsExactly("WAITING_TO_RETRY", "WAITING_FOR_ADAPTER");
    assertThat(before.channels().deadLetters()).hasSize(1);
    assertThat(before.channels().mergedInto()).hasSize(1);
    assertThat(before.timers()).anyMatch(t -> t.itemId().equals(retrying));
    if (snapshots > 0) {
      assertThat(journal.entries()).as("recovery from the snapshot alone").isEmpty();
    }

    InMemoryChannelAdapter chat2 = chat();
    InMemoryChannelAdapter sms2 = sms();
    events.clear();
    var restarted = (ManualEngine) recovered(clock, new ForkedJournal(journal), chat2, sms2);
    StateImage after = restarted.engine().exportState();
    assertThat(withoutTime(after)).as("recovered, before the adapters report")
        .isEqualTo(withoutTime(before));
    assertThat(after.channels().incarnation()).as("a restart starts a new incarnation")
        .isGreaterThan(before.channels().incarnation());
    assertThat(after.channels().adapters()).extracting(ChannelImage.AdapterImage::health)
        .as("health as last recorded until the adapters report")
        .containsExactly(Health.up(), Health.down("provider outage"));
    restarted.drain();
    assertThat(sms2.sent()).as("the line reported itself up: the held reply leaves")
        .extracting(m -> m.deliveryId()).containsExactly(waiting);

    clock.advance(Duration.ofSeconds(60));
    restarted.drain();
    assertThat(chat2.sent()).extracting(m -> m.deliveryId()).containsExactly(retrying);
    assertThat(sms2.sent()).extracting(m -> m.deliveryId()).containsExactly(waiting);
    assertThat(ok(restarted, restarted.channels().deadLetters())).singleElement()
        .satisfies(d -> assertThat(d.body()).isEqualTo("dead letter"));
    String alice = customerOf(writer, "web-chat:session-1#1");
    assertThat(ok(restarted, restarted.channels().conversations(alice)))
        .containsExactlyInAnyOrder("web-chat:session-1", "sms-line:thread-9");
    assertThat(ok(restarted, restarted.supervisor().relationships(alice)).recentAgentIds())
        .containsExactly("ann");
    restarted.close();
  }

  private static String customerOf(ManualSwitchboard sb, String itemId) {
    return ok(sb, sb.snapshot()).item(itemId).map(v -> v.item().customerId())
        .orElseGet(() -> ((ManualEngine) sb).engine().exportState().channels().routes().stream()
            .filter(r -> itemId.startsWith(r.conversationId())).findFirst().orElseThrow()
            .customerId());
  }

  /** The state without its time, nor the incarnation a restart moves on by design. */
  private static StateImage withoutTime(StateImage s) {
    ChannelImage c = s.channels();
    ChannelImage sameIncarnation = new ChannelImage(0, 0, c.routes(), c.customers(),
        c.mergedInto(), c.outbox(), c.adapters(), c.deadLetters());
    return new StateImage(0, Instant.EPOCH, s.eventSequence(), s.agentSequence(), s.itemSequence(),
        s.roundRobinCursor(), s.activityStamp(), s.agents(), s.items(), s.conversations(),
        s.finished(), s.timers(), sameIncarnation, s.affinity(), s.sla(),
        s.campaigns());
  }
}
