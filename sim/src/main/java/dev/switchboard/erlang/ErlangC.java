package dev.switchboard.erlang;

import java.time.Duration;
import java.util.Objects;

/**
 * Erlang C: the M/M/n queue (Poisson arrivals, exponential handle times, {@code n} agents,
 * unlimited patience). Gives the probability of waiting, the average speed of answer and the
 * service level, and the agents needed for a service-level target. Valid only while the agents
 * can carry the load ({@code agents > erlangs}); otherwise the queue grows without bound and the
 * constructor refuses it.
 *
 * @param load the offered traffic
 * @param agents number of agents
 * @since 0.1
 */
public record ErlangC(Load load, int agents) {

  /** Validates that the queue is stable. */
  public ErlangC {
    Objects.requireNonNull(load, "load");
    if (agents <= load.erlangs()) {
      throw new IllegalArgumentException(agents + " agents cannot carry " + load.erlangs()
          + " erlangs: the queue grows without bound; use more than " + (int) load.erlangs()
          + " agents");
    }
  }

  /** Probability that an arriving contact waits at all. */
  public double probabilityOfWait() {
    double a = load.erlangs();
    double b = ErlangB.blocking(agents, a);
    return agents * b / (agents - a * (1 - b));
  }

  /** Mean wait over all contacts, those answered at once included. */
  public Duration averageSpeedOfAnswer() {
    double seconds = probabilityOfWait() * load.handleSeconds() / (agents - load.erlangs());
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** Share of contacts answered within {@code threshold}. */
  public double serviceLevel(Duration threshold) {
    double t = threshold.toNanos() / 1e9;
    return 1 - probabilityOfWait() * Math.exp(-(agents - load.erlangs()) * t / load.handleSeconds());
  }

  /** Share of agents' time spent handling work. */
  public double occupancy() {
    return load.erlangs() / agents;
  }

  /**
   * The fewest agents that answer at least {@code target} (0 to 1, exclusive of 1) of contacts
   * within {@code threshold}.
   */
  public static int agentsNeeded(Load load, Duration threshold, double target) {
    if (!(target > 0 && target < 1)) {
      throw new IllegalArgumentException("target is " + target + "; it must be between 0 and 1");
    }
    int n = (int) Math.floor(load.erlangs()) + 1;
    while (new ErlangC(load, n).serviceLevel(threshold) < target) {
      n++;
    }
    return n;
  }
}
