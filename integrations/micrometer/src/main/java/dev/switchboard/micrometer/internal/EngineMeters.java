package dev.switchboard.micrometer.internal;

import dev.switchboard.ItemState;
import dev.switchboard.Presence;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;

/**
 * The engine's own health as its public API shows it: listener failures and dropped events, live
 * items by queue and state, agents by presence, commands waiting for the loop, command latency,
 * journal entries not yet durable, and how fresh the binder's reading is.
 */
final class EngineMeters {

  /** The states a live item can be in; final states are not held, so not counted. */
  static final List<ItemState> LIVE_STATES = List.of(ItemState.QUEUED, ItemState.OFFERED,
      ItemState.ASSIGNED, ItemState.WRAPPING_UP, ItemState.HELD);

  private EngineMeters() {}

  /** The meters that need no key: registered once per registry. */
  static void register(Instruments meters) {
    meters.counter("switchboard.listener.failures", null,
        "Exceptions thrown by event listeners", Tags.empty(),
        r -> r.engine().listenerFailures());
    meters.counter("switchboard.events.dropped", null,
        "Events not delivered to a listener whose queue was full", Tags.empty(),
        r -> r.engine().droppedEvents());
    for (Presence.Status status : Presence.Status.values()) {
      meters.gauge("switchboard.agents", Units.AGENTS, "Agents by presence",
          Tags.of("presence", lower(status)),
          r -> r.engine().agents().stream()
              .filter(a -> a.presence().status() == status).count());
    }
    meters.cacheGauge("switchboard.commands.queued", Units.COMMANDS,
        "Callers' commands waiting for the engine loop (refused as overloaded past the"
        + " builder's commandQueueCapacity); read live, not from the cached snapshot",
        c -> c.engine().queuedCommands());
    meters.cacheTimer("switchboard.command.latency",
        "Commands from being sent to being applied by the engine loop (threaded engine only);"
        + " read live", c -> c.engine().health().commandsApplied(),
        c -> c.engine().health().commandLatencyTotal().toNanos() / 1e9);
    meters.cacheGauge("switchboard.command.latency.max", Units.SECONDS,
        "The longest a command has waited from being sent to being applied, since start",
        c -> c.engine().health().commandLatencyMax().toNanos() / 1e9);
    meters.cacheGauge("switchboard.journal.pending", Units.ENTRIES,
        "Journal entries appended and not yet durable, whose events and deliveries wait for"
        + " them (0 without a journal); read live",
        c -> c.engine().health().journalPending());
    meters.cacheGauge("switchboard.metrics.reading.age", Units.SECONDS,
        "Age of the engine snapshot the gauges report", SnapshotCache::ageSeconds);
    meters.cacheCounter("switchboard.metrics.stale.reads",
        "Meter reads that served an older snapshot because the engine had not answered in time",
        SnapshotCache::staleReads);
    meters.cacheCounter("switchboard.metrics.snapshot.failures",
        "Snapshot requests the engine refused or failed", SnapshotCache::failures);
  }

  /** Live items of one queue, one gauge per live state. */
  static void registerQueue(Instruments meters, String queue) {
    for (ItemState state : LIVE_STATES) {
      meters.gauge("switchboard.items", Units.ITEMS, "Live items by queue and state",
          Tags.of("queue", queue, "state", lower(state)),
          r -> r.engine().items().stream()
              .filter(i -> i.state() == state && i.queue().equals(queue)).count());
    }
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
