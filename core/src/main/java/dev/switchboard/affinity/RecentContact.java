package dev.switchboard.affinity;

import dev.switchboard.Outcome;
import dev.switchboard.internal.check.Checks;
import java.time.Instant;
import java.util.Objects;

/**
 * One agent a customer dealt with recently: when they last finished a piece of work together,
 * how it ended, and how many pieces of work the agent resolved for the customer.
 *
 * @param agentId the agent
 * @param lastContact engine time the agent last completed an item of the customer
 * @param lastOutcome the outcome of that item
 * @param resolvedContacts items of the customer the agent completed as {@link Outcome#RESOLVED}
 *     while the relationship lasted; 0 or more
 * @since 0.1
 */
public record RecentContact(String agentId, Instant lastContact, Outcome lastOutcome,
    int resolvedContacts) {

  /** Validates the fields. */
  public RecentContact {
    Checks.id("agentId", agentId);
    Objects.requireNonNull(lastContact, "lastContact");
    Objects.requireNonNull(lastOutcome, "lastOutcome");
    if (resolvedContacts < 0) {
      throw new IllegalArgumentException(
          "resolvedContacts is " + resolvedContacts + "; it must not be negative");
    }
  }
}
