package dev.switchboard.affinity;

import dev.switchboard.EngineSnapshot.ItemView;
import dev.switchboard.Presence;
import java.util.List;
import java.util.Objects;

/**
 * One agent's work as a supervisor sees it, across channels: what the agent holds and what waits
 * for the agent personally.
 *
 * @param agentId the agent
 * @param presence the agent's presence
 * @param held items offered to, assigned to or wrapping up with the agent, oldest first
 * @param waiting items waiting for this agent in particular (as the customer's own or recent agent,
 *     or transferred to the agent), in backlog order
 * @since 0.1
 */
public record AgentQueue(String agentId, Presence presence, List<ItemView> held,
    List<ItemView> waiting) {

  /** Copies the lists. */
  public AgentQueue {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(presence, "presence");
    held = List.copyOf(held);
    waiting = List.copyOf(waiting);
  }
}
