package dev.switchboard.testing;

import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.channel.DeadLetter;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.image.ChannelImage;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.journal.EngineJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * What an engine hosting channel adapters, rebuilt from a journal, holds of its channels, and what
 * rebuilding it did, in plain collections: for crash tests in other modules, which check that no
 * customer's message was lost or routed twice and that no delivery id names two replies, without
 * seeing the engine's internals.
 *
 * <p>The engine is rebuilt the way a restart rebuilds it (the journal's snapshot, if it hands one
 * over, then its entries), but with its events and deliveries recorded rather than muted: so
 * {@link #routed} and {@link #replies} cover everything the journal holds only when it replays
 * from entry 1 ({@link #fromSnapshot} false). Nothing is appended to the journal and no adapter
 * is started.
 *
 * @param fromSnapshot whether the journal handed over a snapshot first
 * @param routed each idempotency key to the number of times replaying the entries routed its
 *     message: as a new item (an {@code ItemSubmitted} whose {@value ChannelHost#MESSAGE_ATTRIBUTE}
 *     attribute carries the key) or as a follow-up ({@code FollowUpReceived})
 * @param replies each delivery id to the bodies of the replies the replay handed to an adapter
 *     under it (first attempts and retries); one body each unless ids were reused
 * @param outbox each reply not yet delivered nor dead-lettered: delivery id to body, from the
 *     recovered state
 * @param recentKeys each adapter's remembered idempotency keys, oldest first: what answers a
 *     redelivery as a duplicate
 * @param deadLetters the recovered dead letters, oldest first
 * @param state the routing part of the recovered state
 */
public record RecoveredChannels(boolean fromSnapshot, Map<String, Integer> routed,
    Map<String, Set<String>> replies, Map<String, String> outbox,
    Map<String, List<String>> recentKeys, List<DeadLetter> deadLetters, RecoveredState state) {

  /**
   * Rebuilds an engine configured by the builder (with the same adapters registered, which are
   * neither started nor called) from the journal, recording what replay routes and hands out, and
   * closes the journal.
   */
  public static RecoveredChannels recover(SwitchboardBuilder builder, Journal journal) {
    EngineConfig config = TestSwitchboards.config(builder);
    Map<String, Integer> routed = new LinkedHashMap<>();
    Map<String, Set<String>> replies = new LinkedHashMap<>();
    RoutingEngine engine = new RoutingEngine(config, IndexedMatcher::new,
        event -> routedKey(event).ifPresent(key -> routed.merge(key, 1, Integer::sum)),
        TestSwitchboards.channelConfig(builder), (adapterId, message) -> replies
            .computeIfAbsent(message.deliveryId(), id -> new LinkedHashSet<>())
            .add(message.body()));
    SnapshotSeen seen = new SnapshotSeen(journal);
    EngineJournal engineJournal = new EngineJournal(seen, config);
    try {
      engineJournal.recover(engine);
    } finally {
      engineJournal.close();
    }
    StateImage image = engine.exportState();
    Map<String, String> outbox = new LinkedHashMap<>();
    image.channels().outbox().forEach(d -> outbox.put(d.deliveryId(), d.body()));
    Map<String, List<String>> recentKeys = new LinkedHashMap<>();
    for (ChannelImage.AdapterImage a : image.channels().adapters()) {
      recentKeys.put(a.adapterId(), List.copyOf(a.recentKeys()));
    }
    return new RecoveredChannels(seen.snapshot, routed, replies, outbox, recentKeys,
        List.copyOf(image.channels().deadLetters()), RecoveredState.of(image));
  }

  /** The idempotency key of the customer's message an event routes, if it routes one. */
  private static Optional<String> routedKey(RoutingEvent event) {
    Object message = null;
    if (event instanceof RoutingEvent.ItemSubmitted s) {
      message = s.item().attributes().get(ChannelHost.MESSAGE_ATTRIBUTE);
    } else if (event instanceof RoutingEvent.FollowUpReceived f) {
      message = f.attributes().get(ChannelHost.MESSAGE_ATTRIBUTE);
    }
    return message instanceof Map<?, ?> m && m.get("idempotencyKey") instanceof String key
        ? Optional.of(key) : Optional.empty();
  }

  /** A journal that notes whether its recovery handed over a snapshot; appends nothing. */
  private static final class SnapshotSeen implements Journal {
    private final Journal journal;
    private boolean snapshot;

    SnapshotSeen(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void recover(Recovery recovery) {
      journal.recover(new Recovery() {
        @Override
        public void snapshot(JournalSnapshot s) {
          snapshot = true;
          recovery.snapshot(s);
        }

        @Override
        public void entry(JournalEntry entry) {
          recovery.entry(entry);
        }
      });
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      throw new UnsupportedOperationException("a recovered state is only read");
    }

    @Override
    public void close() {
      journal.close();
    }
  }
}
