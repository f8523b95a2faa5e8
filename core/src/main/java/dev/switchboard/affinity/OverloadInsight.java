package dev.switchboard.affinity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An agent's personal backlog cannot meet its SLA deadlines at the agent's recent handle time:
 * which accounts could move, and to whom. Emitted as an {@code OverloadDetected} event when an
 * agent becomes overloaded; acting on it is the supervisor's call ({@code Supervisor.moveAccounts}).
 *
 * @param agentId the overloaded agent
 * @param at engine time of the assessment
 * @param personalBacklog items waiting for the agent as their own or recent agent
 * @param atRisk of those, items predicted to start after their SLA deadline
 * @param handleTime the agent's recent handle time the prediction used
 * @param accounts customers with work at risk, earliest deadline first, with where they could go
 * @since 0.1
 */
public record OverloadInsight(String agentId, Instant at, int personalBacklog, int atRisk,
    Duration handleTime, List<AccountMove> accounts) {

  /** Copies the list. */
  public OverloadInsight {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(handleTime, "handleTime");
    accounts = List.copyOf(accounts);
  }

  /**
   * One account that could move off the overloaded agent.
   *
   * @param customerId the customer
   * @param waitingItems the customer's items in the agent's personal backlog
   * @param candidates agents who could take the account, best first: those the customer already
   *     knows, then the least personal backlog, then the least occupied
   */
  public record AccountMove(String customerId, int waitingItems, List<Candidate> candidates) {
    /** Copies the list. */
    public AccountMove {
      Objects.requireNonNull(customerId, "customerId");
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * An agent who has the skills and channels for all of an account's waiting items, is logged in
   * and is not overloaded itself.
   *
   * @param agentId the agent
   * @param knowsCustomer true when the agent is one of the customer's recent agents
   * @param personalBacklog items waiting for the agent as their own or recent agent
   * @param load items the agent holds now
   * @param capacity the most items the agent holds at once
   */
  public record Candidate(String agentId, boolean knowsCustomer, int personalBacklog, int load,
      int capacity) {}
}
