package dev.switchboard.internal.image;

import dev.switchboard.channel.DeadLetter;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import java.util.List;

/**
 * The channels' state as values, for journal snapshots: the incarnation and counter that make
 * delivery ids; routes of
 * conversations to adapters, customers' histories and merged customers, each least recently used
 * first; replies being delivered in the order they were written; each adapter's health, counters
 * and deliveries held while it is down, in registration order; dead letters, oldest first.
 */
public record ChannelImage(long incarnation, long deliveries, List<RouteImage> routes,
    List<CustomerImage> customers, List<MergedImage> mergedInto, List<DeliveryImage> outbox,
    List<AdapterImage> adapters, List<DeadLetter> deadLetters) {

    /** Which adapter and conversation key a conversation came in through, and whose it is. */
    public record RouteImage(String conversationId, String adapterId, String conversationKey,
        ChannelIdentity sender, String customerId) {}

    /** A customer's recent conversations, oldest first, and last agent (null when none). */
    public record CustomerImage(String customerId, List<String> conversations,
        String lastAgentId) {}

    /** A customer merged into another. */
    public record MergedImage(String customerId, String intoCustomerId) {}

    /**
     * A reply in the outbox: the message, its delivery state ({@code IN_FLIGHT}, {@code
     * WAITING_TO_RETRY}, {@code WAITING_FOR_ADAPTER}) and the attempts started so far.
     */
    public record DeliveryImage(String deliveryId, String adapterId, String conversationId,
        String conversationKey, ChannelIdentity recipient, String agentId, String body,
        String state, int attempt) {}

    /**
     * An adapter's health, outbound counters, the deliveries waiting for it to be up, and the
     * idempotency keys of the messages it reported most recently, oldest first.
     */
    public record AdapterImage(String adapterId, Health health, long delivered,
        long failedAttempts, long deadLettered, int pending, List<String> waiting,
        List<String> recentKeys) {}
}
