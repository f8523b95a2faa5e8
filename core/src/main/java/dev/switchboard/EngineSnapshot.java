package dev.switchboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent picture of the engine's live state at one engine time: every agent and every live
 * item. Taken on the engine loop, so it costs time proportional to the state; meant for
 * dashboards, supervisors and tests, not for every decision.
 *
 * @param at engine time of the snapshot
 * @param agents agents in the order they were added
 * @param items live items in the order they were submitted
 * @param listenerFailures exceptions thrown by listeners so far
 * @param droppedEvents events not delivered to a listener whose queue was full
 * @since 0.1
 */
public record EngineSnapshot(Instant at, List<AgentView> agents, List<ItemView> items,
    long listenerFailures, long droppedEvents) {

  /** Copies the lists. */
  public EngineSnapshot {
    agents = List.copyOf(agents);
    items = List.copyOf(items);
  }

  /** The agent with this id, if present. */
  public Optional<AgentView> agent(String agentId) {
    return agents.stream().filter(a -> a.agent().id().equals(agentId)).findFirst();
  }

  /** The live item with this id, if present. */
  public Optional<ItemView> item(String itemId) {
    return items.stream().filter(i -> i.item().id().equals(itemId)).findFirst();
  }

  /**
   * One agent as the engine sees it.
   *
   * @param agent the definition
   * @param presence the current presence
   * @param load channel to items held (offered, assigned or wrapping up)
   * @param itemIds ids of the items held, oldest first
   * @param consecutiveMisses offers timed out in a row
   */
  public record AgentView(Agent agent, Presence presence, Map<Channel, Integer> load,
      List<String> itemIds, int consecutiveMisses) {
    /** Copies the collections. */
    public AgentView {
      load = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(load));
      itemIds = List.copyOf(itemIds);
    }
  }

  /**
   * One live item as the engine sees it.
   *
   * @param item the item as submitted, with its creation time
   * @param state where it is
   * @param queue the queue whose policy it follows
   * @param step the step of that policy it is at
   * @param priority its current priority, after step boosts
   * @param agentId the agent holding it, if any
   */
  public record ItemView(WorkItem item, ItemState state, String queue, int step, int priority,
      Optional<String> agentId) {}
}
