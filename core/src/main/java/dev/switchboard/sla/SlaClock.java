package dev.switchboard.sla;

/**
 * The two clocks an SLA policy runs for an item, both from the item's creation time.
 *
 * @since 0.1
 */
public enum SlaClock {
  /** Until an agent first takes the item (accepts it, or it is auto-accepted). */
  FIRST_RESPONSE,
  /** Until an agent completes the item. */
  RESOLUTION
}
