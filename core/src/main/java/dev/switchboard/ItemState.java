package dev.switchboard;

/**
 * Where a piece of accepted work is. Every accepted item is in exactly one of these states; the
 * last three are final. {@link #HELD} is where new work waits while its queue is closed (see
 * {@code dev.switchboard.calendar.QueueHours}).
 *
 * @since 0.1
 */
public enum ItemState {
  /** Waiting for an agent at a step of its policy. */
  QUEUED,
  /** Offered to one agent, whose capacity is reserved, awaiting accept or reject. */
  OFFERED,
  /** Being handled by an agent. */
  ASSIGNED,
  /** Completed by the agent, who still holds the capacity while wrapping up. */
  WRAPPING_UP,
  /** Finished. */
  COMPLETED,
  /** Withdrawn by the host. */
  CANCELLED,
  /** Given up by the customer before an agent took it. */
  ABANDONED,
  /**
   * Arrived while its queue was closed and waits, offered to no one, until the queue opens.
   *
   * @since 0.3
   */
  HELD;

  /** True for the final states. */
  public boolean isFinal() {
    return this == COMPLETED || this == CANCELLED || this == ABANDONED;
  }
}
