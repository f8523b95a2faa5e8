package dev.switchboard.spi;

/**
 * What an adapter declares about itself: how its channel behaves, how many account sessions it
 * can hold open at once, and whether it can start contact with a customer (outbound) rather than
 * only answer.
 *
 * @param channel how the channel behaves (synchronous or not, single-logon, default per-agent
 *     concurrency)
 * @param maxConcurrentSessions account sessions the adapter holds at once towards its provider
 *     (one mailbox connection, one IM login); 1 for a single-logon channel; at least 1
 * @param startsOutbound true when {@link ChannelAdapter#deliver} may be given a conversation the
 *     customer never opened (an outbound campaign contact)
 * @since 0.1
 */
public record AdapterTraits(
    ChannelTraits channel, int maxConcurrentSessions, boolean startsOutbound) {

  /** Validates the traits: a single-logon channel holds exactly one session. */
  public AdapterTraits {
    Checks.notNull("channel", channel);
    if (maxConcurrentSessions < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentSessions must be at least 1, was " + maxConcurrentSessions);
    }
    if (channel.singleLogon() && maxConcurrentSessions != 1) {
      throw new IllegalArgumentException(
          "maxConcurrentSessions is " + maxConcurrentSessions
              + " but the channel is single-logon, which allows exactly 1 session");
    }
  }

  /** Traits of a single-logon channel: one session, answering only. */
  public static AdapterTraits singleLogon(ChannelTraits channel) {
    return new AdapterTraits(channel.withSingleLogon(), 1, false);
  }

  /** Traits of a channel with up to {@code sessions} sessions, answering only. */
  public static AdapterTraits sessions(ChannelTraits channel, int sessions) {
    return new AdapterTraits(channel, sessions, false);
  }

  /** These traits, marked as able to start outbound contact. */
  public AdapterTraits withOutbound() {
    return new AdapterTraits(channel, maxConcurrentSessions, true);
  }

  /** Whether the customer waits on the line; shorthand for {@code channel().synchronous()}. */
  public boolean synchronous() {
    return channel.synchronous();
  }

  /** Whether one account session serves many agents; shorthand for the channel's trait. */
  public boolean singleLogon() {
    return channel.singleLogon();
  }
}
