package dev.switchboard.identity;

import dev.switchboard.spi.ChannelIdentity;
import java.util.Set;

/**
 * Links the identities a customer uses on different channels (an email address, a phone number,
 * a chat handle) to one customer id, so that history and affinity follow the customer from SMS to
 * email to chat. The engine asks it for the customer of every inbound message.
 *
 * <p>Implementations must be thread-safe: adapters' threads call {@link #resolve} concurrently.
 * {@link #resolve} should be fast (a cache in front of a CRM); it runs on the reporting adapter's
 * thread, never on the engine loop. Whatever it throws is caught: the message is rejected back
 * to the adapter with the failure as its reason, and counted.
 *
 * @since 0.1
 */
public interface IdentityResolver {

  /**
   * A resolver that keeps links in memory and names new customers {@code customer-1}, ...; it
   * holds at most 1,000,000 identities (see {@link #inMemory(int)}).
   */
  static IdentityResolver inMemory() {
    return new InMemoryIdentityResolver(1_000_000);
  }

  /**
   * An in-memory resolver holding at most {@code maxIdentities} identities. At the bound a new
   * identity is refused with an {@link IllegalStateException} saying so (a message from it is
   * then rejected back to its adapter, and stays upstream); known identities keep resolving. A
   * host with more customers than that should resolve against its own customer store.
   *
   * @throws IllegalArgumentException when {@code maxIdentities} is less than 1
   */
  static IdentityResolver inMemory(int maxIdentities) {
    if (maxIdentities < 1) {
      throw new IllegalArgumentException("maxIdentities must be at least 1, was "
          + maxIdentities);
    }
    return new InMemoryIdentityResolver(maxIdentities);
  }

  /**
   * The customer this identity belongs to, creating a customer when the identity is new.
   *
   * @param identity the sender of a message
   * @return the customer id: 1 to 128 characters, no control characters, no lone surrogates
   */
  String resolve(ChannelIdentity identity);

  /**
   * Links an identity to a customer (moving it from the customer it belonged to, if any); a host
   * uses it to load what its CRM knows.
   *
   * @throws IllegalArgumentException when the customer id is not allowed
   */
  void link(ChannelIdentity identity, String customerId);

  /** The identities linked to the customer; empty for an unknown customer. */
  Set<ChannelIdentity> identities(String customerId);

  /**
   * Merges {@code mergedId} into {@code survivorId}: every identity of the merged customer now
   * resolves to the survivor, and the merged id is no longer used.
   *
   * @return the identities moved
   * @throws IllegalArgumentException when the ids are equal or either customer is unknown
   */
  Set<ChannelIdentity> merge(String survivorId, String mergedId);
}
