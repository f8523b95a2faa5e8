package dev.switchboard.affinity;

/**
 * Who answered an item, as seen by the customer's relationships when it was answered: their own
 * agent, one of their recent agents, or someone new to them. Carried by {@code ItemAssigned}, so
 * that listeners can measure affinity per interval, queue or agent.
 *
 * @since 0.2
 */
public enum AffinityMatch {
  /** The customer's owner (personal agent) answered. */
  OWNER,
  /** One of the customer's recent agents, not the owner, answered. */
  RECENT_AGENT,
  /** Someone the customer has no relationship with answered. */
  NONE
}
