package dev.switchboard.helpdesk;

/**
 * How a closed ticket ended.
 *
 * @since 0.1
 */
public enum Resolution {
  /** The end user confirmed the fix. */
  CONFIRMED,
  /** The end user accepted a power user's answer in a {@linkplain Phase#crowd crowd phase}. */
  SOLVED_BY_CROWD,
  /** The end user did not answer within the confirmation time; closed without confirmation. */
  UNCONFIRMED,
  /** The end user solved it themselves before staff did. */
  SELF_SOLVED,
  /** The end user gave up on a phase's work before an agent took it. */
  ABANDONED,
  /** The last phase's work completed in a lifecycle that asks the end user nothing. */
  COMPLETED,
  /** The host closed it (duplicate, spam, withdrawn). */
  CLOSED_BY_HOST
}
