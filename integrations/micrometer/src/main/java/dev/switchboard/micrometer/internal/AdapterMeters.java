package dev.switchboard.micrometer.internal;

import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.spi.Health;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * One channel adapter's meters: its health as one gauge per status (1 for the current one, 0 for
 * the others, so an alert is a plain comparison), its inbound queue and pending deliveries, and
 * its message counts since the engine started.
 */
final class AdapterMeters {

  private AdapterMeters() {}

  static void register(Instruments meters, String adapterId, String channelId) {
    Tags tags = Tags.of("adapter", adapterId, "channel", channelId);
    for (Health.Status status : Health.Status.values()) {
      meters.gauge("switchboard.adapter.status", null,
          "1 when the adapter last reported this health status, else 0",
          tags.and("status", EngineMeters.lower(status)),
          r -> of(r, adapterId, a -> a.health().status() == status ? 1 : 0));
    }
    meters.gauge("switchboard.adapter.inbound.queued", Units.MESSAGES,
        "Inbound messages accepted and not yet taken in by the engine loop", tags,
        r -> of(r, adapterId, AdapterStatus::queued));
    meters.gauge("switchboard.adapter.outbound.pending", Units.MESSAGES,
        "Replies accepted and not yet delivered or given up", tags,
        r -> of(r, adapterId, AdapterStatus::pendingDeliveries));
    meters.counter("switchboard.adapter.inbound.accepted", Units.MESSAGES,
        "Inbound messages accepted", tags, r -> of(r, adapterId, AdapterStatus::accepted));
    meters.counter("switchboard.adapter.inbound.duplicates", Units.MESSAGES,
        "Inbound messages answered as duplicates", tags,
        r -> of(r, adapterId, AdapterStatus::duplicates));
    rejected(meters, tags, adapterId, "queue_full", AdapterStatus::rejectedQueueFull);
    rejected(meters, tags, adapterId, "flood", AdapterStatus::rejectedFlood);
    rejected(meters, tags, adapterId, "other", AdapterStatus::rejectedOther);
    meters.counter("switchboard.adapter.outbound.delivered", Units.MESSAGES,
        "Replies delivered", tags, r -> of(r, adapterId, AdapterStatus::delivered));
    meters.counter("switchboard.adapter.outbound.failed.attempts", null,
        "Delivery attempts that failed or timed out", tags,
        r -> of(r, adapterId, AdapterStatus::failedAttempts));
    meters.counter("switchboard.adapter.outbound.dead.lettered", Units.MESSAGES,
        "Replies given up", tags, r -> of(r, adapterId, AdapterStatus::deadLettered));
  }

  private static void rejected(Instruments meters, Tags tags, String adapterId, String reason,
      ToDoubleFunction<AdapterStatus> count) {
    meters.counter("switchboard.adapter.inbound.rejected", Units.MESSAGES,
        "Inbound messages rejected, by reason", tags.and("reason", reason),
        r -> of(r, adapterId, count));
  }

  private static double of(Reading r, String adapterId, ToDoubleFunction<AdapterStatus> value) {
    return r.adapters().stream().filter(a -> a.adapterId().equals(adapterId)).findFirst()
        .map(value::applyAsDouble).orElse(Double.NaN);
  }
}
