package dev.switchboard.spi;

/**
 * How a channel behaves, as its adapter declares it: whether the customer waits on the line,
 * whether one account session serves many agents, and how many items of it an agent handles
 * at once by default.
 *
 * <p>The engine uses the traits to size agents' capacity when an agent does not name one for the
 * channel, and to decide which channels block others.
 *
 * @param synchronous true when the customer waits on the line (voice, chat); false for
 *     asynchronous media (email, SMS)
 * @param singleLogon true when the channel is one account session (one mailbox, one IM account)
 *     whose conversations the engine spreads over many agents
 * @param defaultConcurrency items of this channel an agent handles at once when the agent does
 *     not say otherwise; at least 1
 * @since 0.1
 */
public record ChannelTraits(boolean synchronous, boolean singleLogon, int defaultConcurrency) {

  /** Validates the traits. */
  public ChannelTraits {
    if (defaultConcurrency < 1) {
      throw new IllegalArgumentException(
          "defaultConcurrency must be at least 1, was " + defaultConcurrency);
    }
  }

  /** A synchronous channel (the customer waits on the line) with the given default concurrency. */
  public static ChannelTraits synchronous(int defaultConcurrency) {
    return new ChannelTraits(true, false, defaultConcurrency);
  }

  /** An asynchronous channel (the customer does not wait) with the given default concurrency. */
  public static ChannelTraits asynchronous(int defaultConcurrency) {
    return new ChannelTraits(false, false, defaultConcurrency);
  }

  /** These traits, marked as a single-logon channel. */
  public ChannelTraits withSingleLogon() {
    return new ChannelTraits(synchronous, true, defaultConcurrency);
  }
}
