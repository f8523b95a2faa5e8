package dev.switchboard.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that keep one adapter, or one sender, from flooding the engine. Messages over a limit
 * are rejected back to the adapter with a reason and counted; nothing already accepted is
 * affected.
 *
 * @param queueCapacity messages of one adapter accepted but not yet taken in by the engine loop;
 *     beyond it messages are rejected as "queue full"; at least 1
 * @param senderMessages messages one sender (one channel identity) may have accepted per {@code
 *     senderWindow} on one adapter; at least 1
 * @param senderWindow the window of {@code senderMessages}, on the engine's clock; positive
 * @param duplicateMemory idempotency keys remembered per adapter to answer redeliveries as
 *     duplicates, also after a crash (the engine journals them); at least 1
 * @since 0.1
 */
public record InboundLimits(int queueCapacity, int senderMessages, Duration senderWindow,
    int duplicateMemory) {

  /**
   * 10,000 queued per adapter, 30 messages per sender per minute, 20,000 keys remembered: twice
   * what can wait for the engine, which bounds what a channel redelivers after a crash. The keys
   * are part of the journaled state, so each one costs snapshot space.
   */
  public static final InboundLimits DEFAULT =
      new InboundLimits(10_000, 30, Duration.ofMinutes(1), 20_000);

  /** Validates every field, naming the one that is wrong. */
  public InboundLimits {
    atLeastOne("queueCapacity", queueCapacity);
    atLeastOne("senderMessages", senderMessages);
    atLeastOne("duplicateMemory", duplicateMemory);
    Objects.requireNonNull(senderWindow, "senderWindow");
    if (senderWindow.isNegative() || senderWindow.isZero()) {
      throw new IllegalArgumentException("senderWindow is " + senderWindow
          + "; it must be positive");
    }
  }

  /** A copy with another queue capacity. */
  public InboundLimits withQueueCapacity(int capacity) {
    return new InboundLimits(capacity, senderMessages, senderWindow, duplicateMemory);
  }

  /** A copy with another per-sender limit. */
  public InboundLimits withSenderLimit(int messages, Duration window) {
    return new InboundLimits(queueCapacity, messages, window, duplicateMemory);
  }

  /** A copy remembering another number of idempotency keys. */
  public InboundLimits withDuplicateMemory(int keys) {
    return new InboundLimits(queueCapacity, senderMessages, senderWindow, keys);
  }

  private static void atLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
  }
}
