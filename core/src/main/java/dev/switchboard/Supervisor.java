package dev.switchboard;

import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.Relationships;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The supervisor's view of an engine ({@link Switchboard#supervisor()}): look at an agent's queue,
 * move work and accounts, pause agents, read relationships and the affinity measures. Commands
 * behave like {@link Switchboard}'s: arguments checked on the caller's thread, applied on the loop,
 * rejected with a {@link CommandRejectedException} that leaves the engine unchanged.
 *
 * <p>What happens to work in flight when an account moves (see docs/user-guide.md): items of the
 * customer waiting at an own-agent step follow the new owner at once (keeping their step and its
 * remaining wait; passed on to the next step if the new owner cannot be waited for); an open
 * offer to the old owner stands, and if it ends unaccepted the item goes to the new owner;
 * assigned and wrapping-up items stay with the agent who has them; items transferred to a named
 * agent stay pinned there; recent-agent steps are unaffected.
 *
 * @since 0.1
 */
public interface Supervisor {

  /** The activity an agent paused by {@link #pause} is away on. */
  String PAUSED = "paused-by-supervisor";

  /** What the agent holds and what waits for the agent personally, across channels. */
  CompletionStage<AgentQueue> agentQueue(String agentId);

  /**
   * Moves a queued, offered or assigned item to another agent's queue: a transfer to that agent
   * ({@link TransferTarget#agent}).
   */
  CompletionStage<Void> moveItem(String itemId, String toAgentId);

  /**
   * Pauses an agent: away on {@link #PAUSED}. Open offers are taken back, held work stays, and the
   * agent's personal work keeps waiting for it (a paused agent is logged in).
   */
  CompletionStage<Void> pause(String agentId);

  /** Ends a pause: the agent is available again and takes its waiting work. */
  CompletionStage<Void> resume(String agentId);

  /** The customer's owner and recent agents, as routing sees them now. */
  CompletionStage<Relationships> relationships(String customerId);

  /** Makes the agent the customer's owner; in-flight work follows the rules above. */
  CompletionStage<Void> moveAccount(String customerId, String toAgentId);

  /**
   * Moves many accounts at once (customer id to new owner id): all or none, rejected naming the
   * first unknown agent.
   */
  CompletionStage<Void> moveAccounts(Map<String, String> newOwners);

  /** Clears the customer's owner; queued own-agent work passes on to the next step. */
  CompletionStage<Void> clearOwner(String customerId);

  /**
   * Folds {@code fromCustomerId}'s relationships into {@code intoCustomerId}'s (see {@link
   * dev.switchboard.affinity.RelationshipStore#merge}), for an identity resolver that found two
   * customer ids to be one person. Live items keep their customer id.
   */
  CompletionStage<Void> mergeCustomers(String fromCustomerId, String intoCustomerId);

  /** Affinity hit rate, wait added by affinity and relationship store failures so far. */
  CompletionStage<AffinityMeasures> affinityMeasures();
}
