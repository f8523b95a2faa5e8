package dev.switchboard.crowd;

/**
 * Where a crowd question stands.
 *
 * @since 0.1
 */
public enum QuestionStatus {
  /** Offered to power users, waiting for answers or for the asker's decision. */
  WITH_CROWD,
  /** A switchboard item for staff is live. */
  WITH_STAFF,
  /** The asker accepted a power user's answer. */
  SOLVED_BY_CROWD,
  /** Staff completed the item. */
  SOLVED_BY_STAFF,
  /** The asker withdrew, never decided on an answer, or gave up on the staff item. */
  ABANDONED;

  /** Whether the question has ended. */
  public boolean isFinished() {
    return this == SOLVED_BY_CROWD || this == SOLVED_BY_STAFF || this == ABANDONED;
  }
}
