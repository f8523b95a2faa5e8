package dev.switchboard.crowd;

/**
 * Why a question went to staff.
 *
 * @since 0.1
 */
public enum StaffReason {
  /** The policy keeps its category for experts, or does not give it to the crowd. */
  POLICY,
  /** No power user qualified and was available. */
  NO_HELPERS,
  /** The crowd gave no answer within the time limit. */
  UNANSWERED,
  /** The asker rejected a crowd answer. */
  REJECTED
}
