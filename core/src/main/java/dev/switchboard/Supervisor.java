package dev.switchboard;

import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.sla.SlaReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The supervisor's view of an engine ({@link Switchboard#supervisor()}): look at an agent's queue,
 * move work and accounts, pause agents, run outbound campaigns and put agents on them, read
 * relationships and the affinity, SLA and campaign measures. Commands
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
   * Folds {@code fromCustomerId}'s relationships (see {@link
   * dev.switchboard.affinity.RelationshipStore#merge}) and channel history into {@code
   * intoCustomerId}'s, for a host whose CRM found two customer ids to be one person. Live items keep
   * their customer id. To also move the identities of Switchboard's own identity resolver, use
   * {@link dev.switchboard.channel.ChannelHost#mergeCustomers} instead; both emit one {@link
   * dev.switchboard.event.RoutingEvent.CustomersMerged}.
   */
  CompletionStage<Void> mergeCustomers(String fromCustomerId, String intoCustomerId);

  /**
   * Adds an outbound campaign, with no contacts and nobody on it yet. Its channel, skills and
   * queue must be registered; its id must be new ({@code DUPLICATE_CAMPAIGN}).
   */
  CompletionStage<Void> addCampaign(Campaign campaign);

  /**
   * Adds contacts to the end of a campaign's list, all or none. Rejected with {@code
   * INVALID_VALUE} when a contact id repeats one already in the campaign (or in the list), or
   * when the batch does not fit one entry of the engine's journal ({@code Journal.maxEntryBytes},
   * 16 MiB for the file journal): the message then says how many of its first contacts fit, so
   * add them in batches of at most that many. {@code UNKNOWN_CAMPAIGN} when there is no such
   * campaign.
   */
  CompletionStage<Void> addContacts(String campaignId, List<CampaignContact> contacts);

  /**
   * A supervisor puts an agent, a team or the agents meeting a routing expression on a campaign
   * with a pacing, or changes the pacing. Its contacts are then blended into their days as work
   * items, offered only when an agent has room, nothing inbound waits for it and its inbound work
   * is safe against its SLA. An expression naming an unregistered skill ({@code UNKNOWN_SKILL})
   * or an undeclared agent attribute ({@code INVALID_VALUE}) is rejected.
   */
  CompletionStage<Void> assignCampaign(CampaignAssignment assignment);

  /**
   * A supervisor takes an agent or team off a campaign; campaign work already offered or assigned
   * stays. Rejected with {@code WRONG_STATE} when that assignee is not on the campaign.
   */
  CompletionStage<Void> unassignCampaign(String campaignId, Assignee assignee);

  /** SLA attainment per agent, queue and channel since the engine started, taken on the loop. */
  CompletionStage<SlaReport> slaReport();

  /** Campaign progress and the share of time each agent gave each campaign, taken on the loop. */
  CompletionStage<CampaignReport> campaignReport();

  /** Affinity hit rate, wait added by affinity and relationship store failures so far. */
  CompletionStage<AffinityMeasures> affinityMeasures();
}
