package dev.switchboard.channel;

import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelIdentity;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The engine's side of its channel adapters, from {@link dev.switchboard.Switchboard#channels()}:
 * agents reply through it, operators inspect adapters and dead letters, and customers known under
 * two ids are merged.
 *
 * <p>Inbound messages need no call here: an adapter reports them, and a message opening a new
 * conversation becomes a {@link dev.switchboard.WorkItem} (id {@code conversationId#n}) while a
 * follow-up sticks to the agent who has the conversation. The message is in the item's attribute
 * {@value #MESSAGE_ATTRIBUTE}, and in {@link dev.switchboard.event.RoutingEvent.FollowUpReceived}
 * for follow-ups.
 *
 * <p>Methods check arguments on the caller's thread and complete their stage once the engine
 * loop has applied them, like {@link dev.switchboard.Switchboard}'s commands.
 *
 * @since 0.1
 */
public interface ChannelHost {

  /**
   * The item attribute holding the customer's message: a map with {@code adapter}, {@code
   * sender}, {@code body}, {@code receivedAt}, {@code idempotencyKey}, {@code attachments} and
   * {@code metadata}.
   */
  String MESSAGE_ATTRIBUTE = "message";

  /**
   * Sends an agent's reply to the customer of an item, through the adapter that owns the item's
   * conversation. The stage completes with the delivery id once the reply is accepted for
   * delivery; the delivery itself is reported by events ({@code MessageDelivered}, {@code
   * DeliveryFailed}, {@code MessageDeadLettered}) and retried with backoff as the {@link
   * DeliveryPolicy} says. An accepted reply is never lost: it is delivered or dead-lettered.
   *
   * <p>Rejected ({@code CommandRejectedException}) when the item is unknown ({@code
   * UNKNOWN_ITEM}), not assigned to (or wrapping up with) this agent ({@code WRONG_AGENT}, {@code
   * WRONG_STATE}), or did not come in through an adapter ({@code UNKNOWN_CONVERSATION}).
   *
   * @param agentId the agent replying, who must hold the item
   * @param itemId the item answered
   * @param body the text; at most 1,000,000 characters
   * @return the delivery id
   */
  CompletionStage<String> reply(String agentId, String itemId, String body);

  /**
   * Starts contact with a customer (an outbound campaign message, a callback notice) through an
   * adapter whose traits {@linkplain dev.switchboard.spi.AdapterTraits#startsOutbound() start
   * outbound contact}. Delivered, retried and dead-lettered like a reply; when the customer answers
   * in the conversation, the new item is offered first to {@code agentId}.
   *
   * <p>Rejected ({@code INVALID_VALUE}) when the adapter is unknown or does not start outbound
   * contact.
   *
   * @param adapterId the adapter to send through
   * @param recipient the customer's identity on that channel
   * @param conversationKey the adapter's key for the new conversation (for SMS, typically the
   *     phone number; for email, a new thread id)
   * @param agentId the agent writing, or empty for the centre itself
   * @param body the text; at most 1,000,000 characters
   * @return the delivery id
   */
  CompletionStage<String> startContact(String adapterId, ChannelIdentity recipient,
      String conversationKey, String agentId, String body);

  /** Replies given up, oldest first, at most {@link DeliveryPolicy#deadLetterCapacity()}. */
  CompletionStage<List<DeadLetter>> deadLetters();

  /** Every registered adapter's health and counters, in registration order. */
  CompletionStage<List<AdapterStatus>> adapters();

  /**
   * Merges two customers found to be one person: every identity of {@code mergedId} now resolves
   * to {@code survivorId}, and the engine moves its history of the merged customer (recent
   * conversations, the agent who last answered) to the survivor, so affinity follows. Announced by
   * a {@link dev.switchboard.event.RoutingEvent.CustomersMerged} event, which is also the hook for
   * stores outside the engine (relationships, CRM) to merge theirs.
   *
   * @throws IllegalArgumentException when the ids are equal or the resolver does not know one
   */
  CompletionStage<Void> mergeCustomers(String survivorId, String mergedId);

  /**
   * The customer's recent conversations on every channel, oldest first (at most 16, by their
   * latest message), after merges: the history that follows the customer from SMS to email to
   * chat. Empty for a customer the engine has not seen or has forgotten.
   */
  CompletionStage<List<String>> conversations(String customerId);

  /** The resolver linking channel identities to customers. */
  IdentityResolver identities();
}
