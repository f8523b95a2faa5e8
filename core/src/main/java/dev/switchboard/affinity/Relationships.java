package dev.switchboard.affinity;

import dev.switchboard.internal.check.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine knows of one customer's agents: the owner (the customer's personal agent, set
 * by a supervisor or learned from resolved work) and the agents the customer dealt with recently,
 * most recent first.
 *
 * @param customerId the customer
 * @param owner the customer's personal agent, if any
 * @param recent recent contacts, most recent first, one per agent
 * @since 0.1
 */
public record Relationships(String customerId, Optional<String> owner, List<RecentContact> recent) {

  /** Validates and copies the fields; rejects two contacts with the same agent. */
  public Relationships {
    Checks.id("customerId", customerId);
    Objects.requireNonNull(owner, "owner").ifPresent(o -> Checks.id("owner", o));
    recent = List.copyOf(Objects.requireNonNull(recent, "recent"));
    for (int i = 0; i < recent.size(); i++) {
      for (int j = 0; j < i; j++) { // a handful per customer: cheaper than a set
        if (recent.get(i).agentId().equals(recent.get(j).agentId())) {
          throw new IllegalArgumentException("recent contacts of customer '" + customerId
              + "' name agent '" + recent.get(i).agentId() + "' twice: " + recent);
        }
      }
    }
  }

  /** A customer with no owner and no recent agents. */
  public static Relationships none(String customerId) {
    return new Relationships(customerId, Optional.empty(), List.of());
  }

  /** The ids of the recent agents, most recent first. */
  public List<String> recentAgentIds() {
    List<String> ids = new ArrayList<>(recent.size());
    recent.forEach(c -> ids.add(c.agentId()));
    return ids;
  }

  /** The recent contact with the agent, if the agent is a recent one. */
  public Optional<RecentContact> recentWith(String agentId) {
    for (int i = 0; i < recent.size(); i++) { // no iterator: called on every assignment
      if (recent.get(i).agentId().equals(agentId)) {
        return Optional.of(recent.get(i));
      }
    }
    return Optional.empty();
  }
}
