package dev.switchboard.sla;

import dev.switchboard.Channel;
import dev.switchboard.internal.check.Checks;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLA alert for one recipient, as reported in {@link
 * dev.switchboard.event.RoutingEvent.AlertRaised} and handed to the {@link AlertSink}.
 *
 * @param level warning or breach
 * @param clock the clock that passed its threshold
 * @param itemId the item at risk
 * @param channel the item's channel
 * @param customerId the item's customer
 * @param policy the name of the SLA policy that applies to the item
 * @param deadline when the clock's target is (or was) reached
 * @param at engine time of the alert
 * @param recipient who the alert is for
 * @param recipientId the agent or supervisor id; empty when the item has no such person (for
 *     example a waiting item nobody holds and a policy without a default supervisor)
 * @param agentId the agent the item concerns, if any
 * @since 0.1
 */
public record Alert(AlertLevel level, SlaClock clock, String itemId, Channel channel,
    String customerId, String policy, Instant deadline, Instant at, AlertRecipient recipient,
    Optional<String> recipientId, Optional<String> agentId) {

  /** Checks that nothing is null. */
  public Alert {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(clock, "clock");
    Checks.id("itemId", itemId);
    Objects.requireNonNull(channel, "channel");
    Checks.id("customerId", customerId);
    Checks.id("policy", policy);
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(recipientId, "recipientId");
    Objects.requireNonNull(agentId, "agentId");
  }
}
