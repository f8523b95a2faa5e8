package dev.switchboard.examples.adapters;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts inbound traffic an adapter refused, by reason code ({@code "no-sender"}, {@code
 * "bad-signature"}, ...), so an operator can see what is being thrown away and why. Thread-safe.
 */
public final class Rejections {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /** Counts one rejection for {@code reason}, a short kebab-case code. */
  public void count(String reason) {
    counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** How many times {@code reason} was counted; 0 if never. */
  public long of(String reason) {
    LongAdder n = counts.get(reason);
    return n == null ? 0 : n.sum();
  }

  /** All rejections counted so far. */
  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** A copy of the counts, ordered by reason. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((reason, n) -> copy.put(reason, n.sum()));
    return copy;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
