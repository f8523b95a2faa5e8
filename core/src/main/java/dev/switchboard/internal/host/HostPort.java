package dev.switchboard.internal.host;

import dev.switchboard.channel.DeadLetter;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * How the channel runtime reaches the engine loop: each method sends one command and returns at
 * once. Implemented by the loop package, which owns the commands. Thread-safe.
 */
public interface HostPort {

  /**
   * Sends a customer's message to the loop. The stage completes once the message is applied and
   * as durable as the journal promises: true when admitted, false when the engine had taken in
   * its idempotency key before; it fails with the engine's rejection (closed, overloaded, invalid).
   */
  CompletionStage<Boolean> inbound(String adapterId, String idempotencyKey,
      String conversationId, String conversationKey, ChannelIdentity sender, String customerId,
      Map<String, Object> attributes);

  /** Sends an agent's reply to the loop; completes with the delivery id. */
  CompletionStage<String> reply(String agentId, String itemId, String body);

  /** Sends the centre's first message to a customer to the loop; completes with the delivery id. */
  CompletionStage<String> contact(String adapterId, String conversationKey,
      ChannelIdentity recipient, String customerId, String agentId, String body);

  /** Reports a delivery attempt's result. */
  void deliveryOutcome(String deliveryId, int attempt, boolean delivered, boolean retryable,
      String detail, String providerMessageId);

  /** Reports an adapter's health; the stage completes once the loop has applied it. */
  CompletionStage<Void> health(String adapterId, Health health);

  /** Merges two customers' history on the loop and announces it. */
  CompletionStage<Void> merge(String survivorId, String mergedId, Set<ChannelIdentity> moved);

  /** Reads the dead letters. */
  CompletionStage<List<DeadLetter>> deadLetters();

  /** Reads every adapter's outbound counters. */
  CompletionStage<Map<String, ChannelState.OutboundCounts>> counts();

  /** Reads a customer's recent conversations. */
  CompletionStage<List<String>> conversations(String customerId);

  /** Dead-letters every reply not yet delivered, before the engine closes. */
  void closeChannels();
}
