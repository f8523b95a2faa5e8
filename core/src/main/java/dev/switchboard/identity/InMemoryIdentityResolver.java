package dev.switchboard.identity;

import dev.switchboard.internal.check.Checks;
import dev.switchboard.spi.ChannelIdentity;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The default resolver: links in two maps under one lock, at most {@code max} identities. */
final class InMemoryIdentityResolver implements IdentityResolver {

  private final int max;

  InMemoryIdentityResolver(int max) {
    this.max = max;
  }

  private final Map<ChannelIdentity, String> customerOf = new HashMap<>();
  private final Map<String, Set<ChannelIdentity>> identitiesOf = new HashMap<>();
  private long nextCustomer;

  @Override
  public synchronized String resolve(ChannelIdentity identity) {
    Objects.requireNonNull(identity, "identity");
    String known = customerOf.get(identity);
    if (known != null) {
      return known;
    }
    requireRoom();
    String customerId;
    do {
      customerId = "customer-" + ++nextCustomer;
    } while (identitiesOf.containsKey(customerId));
    attach(identity, customerId);
    return customerId;
  }

  @Override
  public synchronized void link(ChannelIdentity identity, String customerId) {
    Objects.requireNonNull(identity, "identity");
    Checks.id("customerId", customerId); // the rules the host applies to what resolve returns
    String previous = customerOf.get(identity);
    if (previous == null) {
      requireRoom();
    }
    if (previous != null) {
      identitiesOf.get(previous).remove(identity);
      if (identitiesOf.get(previous).isEmpty()) {
        identitiesOf.remove(previous);
      }
    }
    attach(identity, customerId);
  }

  @Override
  public synchronized Set<ChannelIdentity> identities(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    return Set.copyOf(identitiesOf.getOrDefault(customerId, Set.of()));
  }

  @Override
  public synchronized Set<ChannelIdentity> merge(String survivorId, String mergedId) {
    Checks.id("survivorId", survivorId);
    Checks.id("mergedId", mergedId);
    if (survivorId.equals(mergedId)) {
      throw new IllegalArgumentException("survivorId and mergedId are both '" + survivorId
          + "'; a customer cannot be merged into itself");
    }
    requireKnown("survivorId", survivorId);
    requireKnown("mergedId", mergedId);
    Set<ChannelIdentity> moved = identitiesOf.remove(mergedId);
    for (ChannelIdentity identity : moved) {
      attach(identity, survivorId);
    }
    return Set.copyOf(moved);
  }

  private void requireRoom() {
    if (customerOf.size() >= max) {
      throw new IllegalStateException("the in-memory identity resolver is full: it holds " + max
          + " identities, the most allowed; the engine is overloaded with new senders. Resolve"
          + " against the host's own customer store for more");
    }
  }

  private void attach(ChannelIdentity identity, String customerId) {
    customerOf.put(identity, customerId);
    identitiesOf.computeIfAbsent(customerId, c -> new LinkedHashSet<>()).add(identity);
  }

  private void requireKnown(String field, String customerId) {
    if (!identitiesOf.containsKey(customerId)) {
      throw new IllegalArgumentException(field + " '" + customerId
          + "' is not a known customer: no identity resolves to it");
    }
  }

}
