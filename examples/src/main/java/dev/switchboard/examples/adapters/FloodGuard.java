package dev.switchboard.examples.adapters;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits how many inbound messages one identity (an email address, a chat session, a phone
 * number) may send: a token bucket per identity holding at most {@code burst} messages, refilled
 * by one every {@code refillEvery}. Time comes from the injected clock. Only the most recently
 * active {@code maxIdentities} identities are remembered, so a flood of distinct identities cannot
 * grow it without bound. Thread-safe.
 */
public final class FloodGuard {

  private final InstantSource clock;
  private final int burst;
  private final long refillNanos;
  private final Map<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    Instant last;

    Bucket(double tokens, Instant last) {
      this.tokens = tokens;
      this.last = last;
    }
  }

  /**
   * A guard allowing bursts of {@code burst} messages and one more every {@code refillEvery}.
   *
   * @throws IllegalArgumentException if {@code burst} or {@code maxIdentities} is below 1 or
   *     {@code refillEvery} is not positive
   */
  public FloodGuard(InstantSource clock, int burst, Duration refillEvery, int maxIdentities) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    if (refillEvery.isZero() || refillEvery.isNegative()) {
      throw new IllegalArgumentException("refillEvery must be positive, was " + refillEvery);
    }
    if (maxIdentities < 1) {
      throw new IllegalArgumentException("maxIdentities must be at least 1, was " + maxIdentities);
    }
    this.clock = clock;
    this.burst = burst;
    this.refillNanos = refillEvery.toNanos();
    this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > maxIdentities;
      }
    };
  }

  /** A guard that never refuses: for tests and trusted sources. */
  public static FloodGuard unlimited(InstantSource clock) {
    return new FloodGuard(clock, Integer.MAX_VALUE, Duration.ofNanos(1), 1);
  }

  /** Takes one message's allowance from {@code identity}; false if it has none left. */
  public synchronized boolean tryAcquire(String identity) {
    if (burst == Integer.MAX_VALUE) {
      return true;
    }
    Instant now = clock.instant();
    Bucket b = buckets.get(identity);
    if (b == null) {
      b = new Bucket(burst, now);
      buckets.put(identity, b);
    } else {
      long elapsed = Duration.between(b.last, now).toNanos();
      if (elapsed > 0) {
        b.tokens = Math.min(burst, b.tokens + (double) elapsed / refillNanos);
        b.last = now;
      }
    }
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }
}
