package dev.switchboard.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine delivers agents' replies through adapters: how long one attempt may take, how
 * often a retryable failure is tried again, with what backoff, and how many dead letters are kept
 * for inspection. Every wait is measured on the engine's clock.
 *
 * @param attemptTimeout how long one attempt may go without a result before it counts as a
 *     retryable failure; positive
 * @param maxAttempts attempts before a retryable failure is dead-lettered; 1 to 100
 * @param firstBackoff wait before the second attempt; positive
 * @param maxBackoff the longest wait between attempts (the wait doubles up to it); at least {@code
 *     firstBackoff}
 * @param deadLetterCapacity dead letters kept for inspection; when more arrive the oldest is
 *     dropped from the list (each was announced by an event); at least 1
 * @param maxPending replies of one adapter not yet delivered (in flight, waiting to retry, or held
 *     while it is down) beyond which a new reply or contact through it is refused with {@code
 *     OVERLOADED}; replies already accepted are never dropped; at least 1
 * @since 0.1
 */
public record DeliveryPolicy(Duration attemptTimeout, int maxAttempts, Duration firstBackoff,
    Duration maxBackoff, int deadLetterCapacity, int maxPending) {

  /**
   * 30 s per attempt, 5 attempts, backoff 1 s doubling to 5 min, 10,000 dead letters kept,
   * 10,000 replies waiting per adapter.
   */
  public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(Duration.ofSeconds(30), 5,
      Duration.ofSeconds(1), Duration.ofMinutes(5), 10_000, 10_000);

  /** A policy with the default bound of 10,000 replies waiting per adapter. */
  public DeliveryPolicy(Duration attemptTimeout, int maxAttempts, Duration firstBackoff,
      Duration maxBackoff, int deadLetterCapacity) {
    this(attemptTimeout, maxAttempts, firstBackoff, maxBackoff, deadLetterCapacity, 10_000);
  }

  /** Validates every field, naming the one that is wrong. */
  public DeliveryPolicy {
    positive("attemptTimeout", attemptTimeout);
    positive("firstBackoff", firstBackoff);
    positive("maxBackoff", maxBackoff);
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; allowed: 1 to 100");
    }
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff
          + " is shorter than firstBackoff " + firstBackoff + "; it must be at least as long");
    }
    if (deadLetterCapacity < 1) {
      throw new IllegalArgumentException(
          "deadLetterCapacity must be at least 1, was " + deadLetterCapacity);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based): doubling, capped at the maximum. */
  public Duration backoffAfter(int attempt) {
    Duration wait = firstBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** A copy with another attempt timeout. */
  public DeliveryPolicy withAttemptTimeout(Duration timeout) {
    return new DeliveryPolicy(timeout, maxAttempts, firstBackoff, maxBackoff, deadLetterCapacity,
        maxPending);
  }

  /** A copy with another number of attempts. */
  public DeliveryPolicy withMaxAttempts(int attempts) {
    return new DeliveryPolicy(attemptTimeout, attempts, firstBackoff, maxBackoff,
        deadLetterCapacity, maxPending);
  }

  /** A copy with other backoff bounds. */
  public DeliveryPolicy withBackoff(Duration first, Duration max) {
    return new DeliveryPolicy(attemptTimeout, maxAttempts, first, max, deadLetterCapacity,
        maxPending);
  }

  /** A copy keeping another number of dead letters. */
  public DeliveryPolicy withDeadLetterCapacity(int capacity) {
    return new DeliveryPolicy(attemptTimeout, maxAttempts, firstBackoff, maxBackoff, capacity,
        maxPending);
  }

  /** A copy allowing another number of replies to wait per adapter. */
  public DeliveryPolicy withMaxPending(int replies) {
    return new DeliveryPolicy(attemptTimeout, maxAttempts, firstBackoff, maxBackoff,
        deadLetterCapacity, replies);
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " is " + d + "; it must be positive");
    }
  }
}
