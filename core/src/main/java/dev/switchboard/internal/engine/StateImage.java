package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.ItemState;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
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
 * @param timers pending timers in the order they would fire
 */
public record StateImage(long now, Instant nowInstant, long eventSequence, int agentSequence,
    long itemSequence, int roundRobinCursor, long activityStamp, List<AgentImage> agents,
    List<ItemImage> items, List<ConversationImage> conversations, List<String> finished,
    List<TimerImage> timers) {

  /** An agent: {@code held} in the order the agent took the items. */
  public record AgentImage(int sequence, Agent definition, Presence presence, long lastActivity,
      int consecutiveMisses, List<String> held) {}

  /**
   * A live item: {@code agent}, {@code pinnedAgent}, {@code outcome} and {@code conversationId}
   * are null when absent; {@code declinedBy} is sorted.
   */
  public record ItemImage(WorkItem item, long sequence, ItemState state, String queue, int step,
      int priority, String agent, String pinnedAgent, String outcome, List<String> declinedBy,
      String conversationId) {}

  /** A remembered conversation: {@code liveItem} and {@code lastAgentId} null when absent. */
  public record ConversationImage(String id, WorkItem lastItem, String liveItem,
      String lastAgentId, int items, boolean idle) {}

  /** A pending timer of an item. */
  public record TimerImage(String itemId, Timer.Kind kind, long deadline) {}
}
