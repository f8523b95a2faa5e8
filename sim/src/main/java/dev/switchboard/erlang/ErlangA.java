package dev.switchboard.erlang;

import java.time.Duration;
import java.util.Objects;

/**
 * Erlang A: the M/M/n+M queue, where waiting customers give up after an exponentially
 * distributed patience. Unlike Erlang C it is stable at any load, so it describes overloaded
 * centres too. Formulas after Mandelbaum and Zeltyn, "The M/M/n+G queue: summary of performance
 * measures" (2005).
 *
 * @param load the offered traffic
 * @param agents number of agents, at least 1
 * @param averagePatience mean time a waiting customer stays before abandoning, positive
 * @since 0.1
 */
public record ErlangA(Load load, int agents, Duration averagePatience) {

  /** Validates the parameters. */
  public ErlangA {
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(averagePatience, "averagePatience");
    if (agents < 1) {
      throw new IllegalArgumentException("agents is " + agents + "; it must be at least 1");
    }
    if (averagePatience.isNegative() || averagePatience.isZero()) {
      throw new IllegalArgumentException(
          "averagePatience is " + averagePatience + "; it must be positive");
    }
  }

  /** Probability that an arriving contact waits at all. */
  public double probabilityOfWait() {
    double e = ErlangB.blocking(agents, load.erlangs());
    // A·E / (1 + (A−1)·E), divided through by A so that a huge A (deep overload) stays finite
    return e / (e + (1 - e) * inverseGammaRatio());
  }

  /** Probability that an arriving contact abandons before being answered. */
  public double probabilityOfAbandonment() {
    double rho = load.erlangs() / agents;
    return probabilityOfWait() * (inverseGammaRatio() / rho + 1 - 1 / rho);
  }

  /**
   * Mean time in queue over all contacts (answered, abandoned, and those answered at once). By
   * Little's law on the abandonment stream it equals P(abandon) × mean patience.
   */
  public Duration averageWait() {
    double seconds = probabilityOfAbandonment() * patienceSeconds();
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** Share of agents' time spent handling work (abandoned contacts take none). */
  public double occupancy() {
    return load.erlangs() * (1 - probabilityOfAbandonment()) / agents;
  }

  private double patienceSeconds() {
    return averagePatience.toNanos() / 1e9;
  }

  /**
   * 1 / A(x, y), where A(x, y) = x·e^y·y^−x·γ(x, y) at x = nμ/θ, y = λ/θ, summed as the series
   * Σ_k y^k / ((x+1)…(x+k)). Its terms are all positive, so nothing cancels; when the sum passes
   * 1e300 its inverse is zero to double precision and the summing stops.
   */
  private double inverseGammaRatio() {
    double theta = 1 / patienceSeconds();
    double mu = 1 / load.handleSeconds();
    double x = agents * mu / theta;
    double y = load.arrivalsPerSecond() / theta;
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 10_000_000; k++) {
      term *= y / (x + k);
      sum += term;
      if (sum > 1e300) {
        return 0;
      }
      if (term < sum * 1e-17 && x + k > y) {
        break;
      }
    }
    return 1 / sum;
  }
}
