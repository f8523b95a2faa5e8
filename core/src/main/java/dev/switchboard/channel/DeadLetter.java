package dev.switchboard.channel;

import dev.switchboard.spi.ChannelIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * A reply the engine could not deliver: failed permanently, or retryably until attempts ran out.
 * Kept for inspection (see {@link ChannelHost#deadLetters()}) and announced by a {@link
 * dev.switchboard.event.RoutingEvent.MessageDeadLettered} event.
 *
 * @param deliveryId the engine's id of the message
 * @param adapterId the adapter that was to deliver it
 * @param conversationId the conversation it answered
 * @param recipient the customer it was for
 * @param agentId the agent who wrote it
 * @param body what it said
 * @param attempts how many attempts were made
 * @param reason the last failure
 * @param at engine time it was given up
 * @since 0.1
 */
public record DeadLetter(String deliveryId, String adapterId, String conversationId,
    ChannelIdentity recipient, String agentId, String body, int attempts, String reason,
    Instant at) {

  /** Checks for nulls. */
  public DeadLetter {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(adapterId, "adapterId");
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
