package dev.switchboard.affinity;

import dev.switchboard.Outcome;
import dev.switchboard.internal.affinity.InMemoryRelationshipStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where customer to agent relationships live: the plug-in point for a host that keeps them in its
 * CRM. The engine uses an in-memory store ({@link #inMemory}) unless one is configured with {@code
 * SwitchboardBuilder.relationshipStore}.
 *
 * <p>Threading: every method is called on the engine loop, one call at a time, so it must be fast
 * and must not block (serve reads from a local cache; write through asynchronously). Time: each
 * call carries the engine's time; a store must read no clock of its own, so that a journal replay
 * gives the same decisions. Failures: the engine wraps the store; an exception from a call is
 * caught, counted ({@link AffinityMeasures#storeFailures()}), reported as a {@code
 * RelationshipStoreFailed} event and treated as "no relationship" (a failed write is dropped), so a
 * broken store never stalls or breaks routing.
 *
 * @since 0.1
 */
public interface RelationshipStore {

  /**
   * The customer's owner and recent agents as of {@code now}; {@link Relationships#none} for an
   * unknown customer. The engine drops recent contacts older than the configured {@link
   * AffinityOptions#recentFor()} itself, so a store may return older ones.
   */
  Relationships find(String customerId, Instant now);

  /**
   * An agent completed an item of the customer at {@code at} with the outcome: the agent becomes
   * (or stays) the customer's most recent contact, its resolved count rising when the outcome is
   * {@link Outcome#RESOLVED}.
   */
  void recordContact(String customerId, String agentId, Outcome outcome, Instant at);

  /** Sets the customer's owner, or clears it when {@code agentId} is empty. */
  void setOwner(String customerId, Optional<String> agentId, Instant at);

  /**
   * Folds one customer into another after an identity resolver found them to be one person: the
   * recent contacts are combined (the later contact with each agent wins, resolved counts add up),
   * {@code intoCustomerId} keeps its owner or takes {@code fromCustomerId}'s if it had none, and
   * {@code fromCustomerId} is forgotten.
   */
  void merge(String fromCustomerId, String intoCustomerId, Instant at);

  /**
   * A bounded, expiring in-memory store driven by engine time only: a customer not touched for
   * {@code recentFor} loses its recent contacts (owners stay until cleared), each customer keeps at
   * most {@code recentPerCustomer} recent agents, and at most {@code maxCustomers} customers are
   * kept. When that bound is reached the customer changed longest ago is forgotten, customers
   * without an owner before any owner; the choice depends only on the calls and their times, so a
   * journal replay rebuilds the same store.
   */
  static RelationshipStore inMemory(long maxCustomers, Duration recentFor, int recentPerCustomer) {
    return new InMemoryRelationshipStore(maxCustomers, recentFor, recentPerCustomer);
  }
}
