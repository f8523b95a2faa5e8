package dev.switchboard.internal.image;

import dev.switchboard.Agent;
import dev.switchboard.ItemState;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.internal.timer.Timer;
import java.time.Instant;
import java.util.List;

/**
 * The whole state of a {@link RoutingEngine} as plain values, in the engine's own orders: what a
 * journal snapshot stores and what tests compare. Indexes are not part of it: they are rebuilt
 * from it. Nullable components are marked.
 *
 * @param now engine time in epoch nanoseconds
 * @param nowInstant engine time as given to the engine
 * @param agents in the order they were added
 * @param items live items in submission order
 * @param conversations open ones (any order) then idle ones, least recently used first
 * @param finished finished item ids still remembered, oldest first
 * @param timers pending timers in the order they would fire, the channels' delivery timers among
 *     the items' ones
 * @param channels what the loop knows of its channel adapters
 * @param affinity relationships and affinity bookkeeping
 * @param sla the SLA tracker's attainment counts and items at risk
 * @param campaigns the campaign blender's state
 */
public record StateImage(long now, Instant nowInstant, long eventSequence, int agentSequence,
    long itemSequence, int roundRobinCursor, long activityStamp, List<AgentImage> agents,
    List<ItemImage> items, List<ConversationImage> conversations, List<String> finished,
    List<TimerImage> timers, ChannelImage channels, AffinityImage affinity, SlaImage sla,
    CampaignsImage campaigns) {

  /** An agent: {@code held} in the order the agent took the items. */
  public record AgentImage(int sequence, Agent definition, Presence presence, long lastActivity,
      int consecutiveMisses, List<String> held) {}

  /**
   * A live item: {@code agent}, {@code pinnedAgent}, {@code pinnedExpression} (the unbound
   * expression a transfer pinned it to), {@code outcome}, {@code conversationId} and {@code
   * affinity} are null when absent; {@code declinedBy} is sorted.
   */
  public record ItemImage(WorkItem item, long sequence, ItemState state, String queue, int step,
      int priority, String agent, String pinnedAgent, dev.switchboard.Expression pinnedExpression,
      String outcome, List<String> declinedBy,
      String conversationId, TrackImage affinity, ClocksImage sla, int slaBoost) {}

  /**
   * An item's SLA clocks (null when it has none): the first-response and resolution deadlines,
   * flags (bit 0/1 running, 2/3 warned, 4/5 breached, first response then resolution; bit 6 the
   * resolution clock paused) and, while paused, the time left to its deadline and warning.
   */
  public record ClocksImage(long firstResponse, long resolution, int flags, long leftToDeadline,
      long leftToWarning) {}

  /**
   * The SLA tracker: items at risk in the order they got there, and the met and breached counts
   * per agent, queue and channel (each key's counts: first response met, breached, resolution
   * met, breached), sorted by key.
   */
  public record SlaImage(List<String> atRisk, List<CountImage> byAgent, List<CountImage> byQueue,
      List<CountImage> byChannel) {}

  /** One key's attainment counts. */
  public record CountImage(String key, List<Long> counts) {}

  /**
   * An item's affinity bookkeeping: the relationships its affinity step was resolved from (null
   * when not at one), since when it waits at one (-1 when not), the wait there so far, and when
   * it was assigned (-1 when not), in epoch nanoseconds.
   */
  public record TrackImage(Relationships relationships, long personalSince, long personalWait,
      long assignedAt) {}

  /** A remembered conversation: {@code liveItem} and {@code lastAgentId} null when absent. */
  public record ConversationImage(String id, WorkItem lastItem, String liveItem,
      String lastAgentId, int items, boolean idle) {}

  /**
   * A pending timer: of an item ({@code itemId} is its id), for kind {@code HOST} of a reply
   * being delivered ({@code itemId} is the delivery id), for kind {@code BLEND} the campaign
   * blender's ({@code itemId} is empty), for kind {@code HOURS} a queue's opening ({@code itemId}
   * is the queue's name).
   */
  public record TimerImage(String itemId, Timer.Kind kind, long deadline) {}

  /**
   * The engine's affinity bookkeeping: the measures' counters (durations in nanoseconds), the
   * guarded store's failure count, agents' recent handle times and the agents reported overloaded
   * (both sorted by agent id), and the contents of the in-memory relationship store (null when
   * the host supplies its own store, which keeps its own data).
   */
  public record AffinityImage(long answered, long ownHits, long recentHits, long affinityWait,
      long affinityWaitOnMisses, long storeFailures, List<HandleTimeImage> handleTimes,
      List<String> overloaded, StoreImage store) {}

  /** An agent's exponentially weighted handle time in nanoseconds. */
  public record HandleTimeImage(String agentId, double nanos) {}

  /**
   * The in-memory relationship store: its clock (epoch nanoseconds of the latest call) and every
   * customer it holds, sorted by customer id.
   */
  public record StoreImage(long now, List<StoredRelationships> customers) {}

  /**
   * One customer's stored relationships and when the entry expires, in epoch nanoseconds
   * ({@link Long#MAX_VALUE} for never).
   */
  public record StoredRelationships(Relationships relationships, long expiresAt) {}

  /**
   * The campaign blender: campaigns in the order added, share meters (by agent id, then in the
   * order each agent's were made), the blender's handle on each live campaign item in submission
   * order, and the agents whose campaign work was withheld, in the order they were added.
   */
  public record CampaignsImage(List<CampaignImage> campaigns, List<MeterImage> meters,
      List<CampaignItemImage> items, List<String> withheld) {}

  /**
   * One campaign: contacts not yet blended in (in list order), attempts per contact id ever added
   * and outcome counts (each a one-count {@link CountImage}; attempts sorted by contact id,
   * outcomes in the order first seen), who handed which contact back (both sorted), assignments
   * in the order made, and its items in progress.
   */
  public record CampaignImage(dev.switchboard.campaign.Campaign campaign,
      List<dev.switchboard.campaign.CampaignContact> pending, List<CountImage> attempts,
      List<HandBackImage> handedBackBy,
      List<dev.switchboard.campaign.CampaignAssignment> assignments, List<CountImage> outcomes,
      int inProgress) {}

  /** The agents who handed a contact back, sorted. */
  public record HandBackImage(String contactId, List<String> agentIds) {}

  /**
   * An agent's share meter on a campaign: its window, the time it counted up to and, per bucket
   * slot, the bucket held and the busy and campaign nanoseconds in it.
   */
  public record MeterImage(String agentId, String campaignId, long windowNanos, long countedTo,
      List<Long> bucketIds, List<Long> busy, List<Long> campaign) {}

  /**
   * What the blender knows of a live campaign item: its campaign and contact, the agent it was
   * blended in for, whether it still goes only to that agent and whether it is being handed back.
   */
  public record CampaignItemImage(String itemId, String campaignId,
      dev.switchboard.campaign.CampaignContact contact, String agentId, boolean direct,
      boolean handedBack) {}
}
