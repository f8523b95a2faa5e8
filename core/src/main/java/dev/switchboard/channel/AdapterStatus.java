package dev.switchboard.channel;

import dev.switchboard.spi.Health;
import java.util.Objects;

/**
 * One adapter as the engine sees it: its health and what has passed through it.
 *
 * @param adapterId the adapter's id
 * @param channelId the channel it serves
 * @param health the health it last reported (down with "starting" until it started)
 * @param accepted inbound messages accepted
 * @param duplicates inbound messages answered as duplicates
 * @param rejectedQueueFull inbound messages rejected because the adapter's queue was full
 * @param rejectedFlood inbound messages rejected because their sender exceeded its limit
 * @param rejectedOther inbound messages rejected for other reasons (stopped, engine closed,
 *     identity resolver failure)
 * @param queued inbound messages accepted and not yet taken in by the engine loop
 * @param delivered replies delivered
 * @param failedAttempts delivery attempts that failed or timed out
 * @param deadLettered replies given up
 * @param pendingDeliveries replies accepted and not yet delivered or given up
 * @since 0.1
 */
public record AdapterStatus(String adapterId, String channelId, Health health, long accepted,
    long duplicates, long rejectedQueueFull, long rejectedFlood, long rejectedOther, int queued,
    long delivered, long failedAttempts, long deadLettered, int pendingDeliveries) {

  /** Checks for nulls. */
  public AdapterStatus {
    Objects.requireNonNull(adapterId, "adapterId");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(health, "health");
  }

  /** Inbound messages rejected for any reason. */
  public long rejected() {
    return rejectedQueueFull + rejectedFlood + rejectedOther;
  }
}
