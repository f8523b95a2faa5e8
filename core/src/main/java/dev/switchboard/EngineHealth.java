package dev.switchboard;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the engine itself is doing, for monitoring: the callers' commands waiting for the loop, how
 * long commands took from being sent to being applied, and the journal entries not yet durable.
 * Read at once without the loop ({@link Switchboard#health()}); stale as soon as it returns.
 *
 * @param queuedCommands callers' commands waiting for the loop now
 * @param commandsApplied commands the loop has applied since start (for the latency figures)
 * @param commandLatencyTotal sent to applied, summed over {@code commandsApplied}; measured on
 *     the threaded engine only (on the manual engine a command waits for {@code step()} and
 *     this stays zero)
 * @param commandLatencyMax the longest sent-to-applied time of one command since start
 * @param journalPending journal entries appended and not yet durable, whose events and
 *     deliveries wait for them; zero without a journal
 * @since 0.3
 */
public record EngineHealth(int queuedCommands, long commandsApplied,
    Duration commandLatencyTotal, Duration commandLatencyMax, int journalPending) {

  /** Checks the durations are present. */
  public EngineHealth {
    Objects.requireNonNull(commandLatencyTotal, "commandLatencyTotal");
    Objects.requireNonNull(commandLatencyMax, "commandLatencyMax");
  }

  /** Mean sent-to-applied time per command; empty before the first or on the manual engine. */
  public Optional<Duration> averageCommandLatency() {
    return commandsApplied == 0 || commandLatencyTotal.isZero() ? Optional.empty()
        : Optional.of(commandLatencyTotal.dividedBy(commandsApplied));
  }
}
