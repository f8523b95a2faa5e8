package dev.switchboard.erlang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checks the Erlang calculators three ways: small cases worked by hand, closed forms that hold
 * for special parameters, and an independent oracle (the stationary distribution of the
 * birth-death chain, computed numerically) at sizes up to hundreds of agents.
 */
class ErlangTest {

  private static Load erlangs(double a) {
    // AHT 100 s, so arrivals per hour = a erlangs / 100 s × 3600 s
    return Load.of(a * 36, Duration.ofSeconds(100));
  }

  @Test
  void erlangB_smallCasesWorkedByHand() {
    // B(n, A) = (A^n/n!) / Σ_k A^k/k!
    assertThat(ErlangB.blocking(0, 3.0)).isEqualTo(1.0);
    assertThat(ErlangB.blocking(1, 1.0)).isCloseTo(1.0 / 2, within(1e-15));
    assertThat(ErlangB.blocking(2, 2.0)).isCloseTo(2.0 / 5, within(1e-15));
    assertThat(ErlangB.blocking(3, 1.0)).isCloseTo((1.0 / 6) / (1 + 1 + 0.5 + 1.0 / 6), within(1e-15));
  }

  @Test
  void erlangC_smallCaseWorkedByHand() {
    // n = 2, A = 1: B = 1/5, C = 2B / (2 − A(1 − B)) = 0.4 / 1.2 = 1/3
    ErlangC c = new ErlangC(erlangs(1), 2);
    assertThat(c.probabilityOfWait()).isCloseTo(1.0 / 3, within(1e-12));
    // ASA = C × AHT / (n − A) = 100/3 s
    assertThat(c.averageSpeedOfAnswer().toNanos() / 1e9).isCloseTo(100.0 / 3, within(1e-6));
    // SL(t) = 1 − C e^{−(n−A) t / AHT}
    assertThat(c.serviceLevel(Duration.ofSeconds(100))).isCloseTo(1 - Math.exp(-1) / 3, within(1e-12));
    assertThat(c.occupancy()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @CsvSource({"2, 1.5", "10, 9.0", "50, 42.5", "300, 285.0", "800, 770.0"})
  void erlangC_matchesTheBirthDeathChain(int agents, double a) {
    double[] pi = stationary(agents, a, 0, agents + 20_000);
    double waiting = 0;
    double queue = 0;
    for (int k = agents; k < pi.length; k++) {
      waiting += pi[k];
      queue += (k - agents) * pi[k];
    }
    ErlangC c = new ErlangC(erlangs(a), agents);
    assertThat(c.probabilityOfWait()).isCloseTo(waiting, within(1e-9));
    // Little: mean wait = E[Q] / λ, with λ = A / AHT
    double asa = queue / (a / 100.0);
    assertThat(c.averageSpeedOfAnswer().toNanos() / 1e9).isCloseTo(asa, within(1e-6 * Math.max(1, asa)));
  }

  @Test
  void erlangC_agentsNeeded_isTheFewestThatMeetTheTarget() {
    Load load = Load.of(720, Duration.ofMinutes(4)); // 48 erlangs
    int n = ErlangC.agentsNeeded(load, Duration.ofSeconds(20), 0.8);
    assertThat(new ErlangC(load, n).serviceLevel(Duration.ofSeconds(20))).isGreaterThanOrEqualTo(0.8);
    assertThat(new ErlangC(load, n - 1).serviceLevel(Duration.ofSeconds(20))).isLessThan(0.8);
  }

  @Test
  void erlangC_refusesAnUnstableQueue() {
    assertThatThrownBy(() -> new ErlangC(erlangs(10), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10 agents cannot carry 10.0 erlangs");
  }

  @Test
  void erlangA_withPatienceEqualToHandleTime_isThePoissonOfAnInfiniteServerQueue() {
    // With θ = μ the death rate in state k is kμ whatever n is: the chain is M/M/∞, so the number
    // in system is Poisson(A). For n = 1: P(wait) = 1 − e^−A, P(abandon) = (A − 1 + e^−A) / A.
    double a = 0.8;
    ErlangA e = new ErlangA(erlangs(a), 1, Duration.ofSeconds(100));
    assertThat(e.probabilityOfWait()).isCloseTo(1 - Math.exp(-a), within(1e-12));
    assertThat(e.probabilityOfAbandonment()).isCloseTo((a - 1 + Math.exp(-a)) / a, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({
      "1, 0.7, 30", "5, 6.0, 200", "20, 18.0, 60", "100, 110.0, 50", "400, 390.0, 300",
      "400, 600.0, 20"})
  void erlangA_matchesTheBirthDeathChain(int agents, double a, int patienceSeconds) {
    double theta = 1.0 / patienceSeconds;
    double[] pi = stationary(agents, a, theta, agents + 50_000);
    double waiting = 0;
    double queue = 0;
    for (int k = agents; k < pi.length; k++) {
      waiting += pi[k];
      queue += (k - agents) * pi[k];
    }
    double lambda = a / 100.0;
    ErlangA e = new ErlangA(erlangs(a), agents, Duration.ofSeconds(patienceSeconds));
    assertThat(e.probabilityOfWait()).isCloseTo(waiting, within(1e-8));
    assertThat(e.probabilityOfAbandonment()).isCloseTo(theta * queue / lambda, within(1e-8));
    assertThat(e.averageWait().toNanos() / 1e9).isCloseTo(queue / lambda, within(1e-5 * Math.max(1, queue / lambda)));
  }

  @Test
  void erlangA_withLongPatience_approachesErlangC() {
    ErlangA a = new ErlangA(erlangs(45), 50, Duration.ofDays(3650));
    ErlangC c = new ErlangC(erlangs(45), 50);
    assertThat(a.probabilityOfWait()).isCloseTo(c.probabilityOfWait(), within(1e-4));
  }

  @Test
  void erlangA_deepOverload_staysFinite() {
    // 1,000 erlangs on 10 agents with short patience: nearly everyone waits, most abandon.
    ErlangA e = new ErlangA(erlangs(1000), 10, Duration.ofSeconds(1000));
    assertThat(e.probabilityOfWait()).isCloseTo(1.0, within(1e-9));
    assertThat(e.probabilityOfAbandonment()).isCloseTo(1 - 10.0 / 1000, within(1e-3));
  }

  /**
   * Stationary distribution of the M/M/n+M chain (θ = 0 gives M/M/n) truncated at {@code max},
   * by the balance equations π_{k+1} = π_k λ / death(k+1), in log space then normalised.
   */
  private static double[] stationary(int n, double a, double theta, int max) {
    double lambda = a / 100.0;
    double mu = 1 / 100.0;
    double[] log = new double[max];
    double top = 0;
    for (int k = 1; k < max; k++) {
      double death = Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
      log[k] = log[k - 1] + Math.log(lambda / death);
      top = Math.max(top, log[k]);
    }
    double[] pi = new double[max];
    double sum = 0;
    for (int k = 0; k < max; k++) {
      pi[k] = Math.exp(log[k] - top);
      sum += pi[k];
    }
    for (int k = 0; k < max; k++) {
      pi[k] /= sum;
    }
    return pi;
  }
}
