package dev.switchboard.spi.tck;

/**
 * What a channel carries, which decides how some of the TCK's rules are checked; an adapter's
 * harness names it in {@link ChannelAdapterTck#profile()}. Tests of the other profile are skipped
 * visibly, naming the profile.
 *
 * @since 0.1
 */
public enum TckProfile {

  /**
   * Text both ways (email, chat, SMS): every rule as written. A customer's messages with one
   * thread label share a conversation, and agents' replies reach customers (rules 5, 10, 12).
   */
  MESSAGES,

  /**
   * Calls, on a synchronous channel such as voice: each {@link CustomerMessage} is one call the
   * customer places (its body travels in the call's signalling, a SIP {@code Subject} say, so the
   * TCK can tell calls apart), and each call is its own conversation (rule 5). Agents talk rather
   * than write, so a text reply into a call's conversation must fail permanently (rule 10), and
   * rule 12 checks calls placed at once rather than replies sent at once. Every other rule
   * applies unchanged; rule 17's acknowledgement is answering the call.
   */
  CALLS
}
