package dev.switchboard.examples.adapters;

import java.time.Duration;
import java.time.InstantSource;

/**
 * How much one identity may send: bursts of {@code burst} messages, then one more every {@code
 * refillEvery}.
 *
 * @param burst messages allowed at once; at least 1
 * @param refillEvery how long until one more is allowed; positive
 */
public record FloodLimit(int burst, Duration refillEvery) {

  /** Validates the limit. */
  public FloodLimit {
    Options.atLeast(burst, 1, "floodLimit burst");
    Options.positive(refillEvery, "floodLimit refillEvery");
  }

  /** A guard enforcing this limit on {@code clock}, remembering {@code maxIdentities}. */
  public FloodGuard guard(InstantSource clock, int maxIdentities) {
    return new FloodGuard(clock, burst, refillEvery, maxIdentities);
  }

  /** The limit in words, for a refusal's reason. */
  public String describe() {
    return "at most " + burst + " in a burst, then one every " + refillEvery.toMillis() + " ms";
  }
}
