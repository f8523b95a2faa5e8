package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.erlang.ErlangA;
import dev.switchboard.erlang.ErlangC;
import dev.switchboard.erlang.Load;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator, running the real engine, against queueing theory. For M/M/c (no abandonment)
 * the probability of waiting, the average speed of answer and the service level must match
 * Erlang C; for M/M/c+M the abandonment rate must match Erlang A. "Match" means the theoretical
 * value lies within 1.5 times the 95% confidence half-width over replications (about 3.4
 * standard errors with 10 replications: the test makes some thirty comparisons, so a plain 95%
 * interval would be expected to miss one or two by chance alone), plus a small absolute tolerance
 * (0.01 for probabilities, 2% of the handle time for waits) that covers the bias of finite runs
 * started empty. The seeds are fixed, so the test is deterministic.
 */
class SimulationValidationTest {

  private static final Duration AHT = Duration.ofSeconds(180);

  private static boolean matches(Estimate e, double theory, double slack) {
    return Math.abs(e.mean() - theory) <= 1.5 * e.ci95() + slack;
  }

  private static Simulation.Builder centre(int agents, double erlangs, int hours) {
    Simulation.Builder b = Simulation.builder()
        .horizon(Duration.ofHours(hours))
        .warmUp(Duration.ofHours(Math.max(1, hours / 6)))
        .replications(10)
        .seed(agents * 1000L + (long) erlangs)
        .serviceLevelThreshold(Duration.ofSeconds(20));
    for (int i = 0; i < agents; i++) {
      b.agent(Agent.builder("a" + i).capacity(Channel.VOICE, 1).build());
    }
    return b;
  }

  private static ArrivalStream.Builder calls(double erlangs) {
    return ArrivalStream.builder("call", Channel.VOICE)
        .ratePerHour(erlangs * 3600 / AHT.toSeconds())
        .handleTime(Distribution.exponential(AHT));
  }

  @ParameterizedTest(name = "M/M/{0} at {1} erlangs")
  @CsvSource({"1, 0.7, 400", "5, 4.0, 100", "20, 17.0, 30", "50, 45.0, 48"})
  void mmc_matchesErlangC(int agents, double erlangs, int hours) {
    SimulationReport report = centre(agents, erlangs, hours).stream(calls(erlangs).build())
        .build().run();
    ErlangC theory = new ErlangC(Load.of(erlangs * 3600 / AHT.toSeconds(), AHT), agents);
    Kpis k = report.overall();
    assertThat(matches(k.probabilityOfWait(), theory.probabilityOfWait(), 0.01))
        .as("P(wait) %s vs Erlang C %s", k.probabilityOfWait(), theory.probabilityOfWait()).isTrue();
    double asa = theory.averageSpeedOfAnswer().toNanos() / 1e9;
    assertThat(matches(k.averageSpeedOfAnswerSeconds(), asa, 0.02 * AHT.toSeconds()))
        .as("ASA %s vs Erlang C %s", k.averageSpeedOfAnswerSeconds(), asa).isTrue();
    double sl = theory.serviceLevel(Duration.ofSeconds(20));
    assertThat(matches(k.serviceLevel(), sl, 0.01))
        .as("SL %s vs Erlang C %s", k.serviceLevel(), sl).isTrue();
    assertThat(matches(k.occupancy(), theory.occupancy(), 0.01))
        .as("occupancy %s vs %s", k.occupancy(), theory.occupancy()).isTrue();
    assertThat(k.abandonmentRate().mean()).isZero();
  }

  @ParameterizedTest(name = "M/M/{0}+M at {1} erlangs, patience {2}s")
  @CsvSource({"5, 4.5, 120, 100", "20, 22.0, 300, 30", "10, 15.0, 60, 40"})
  void mmcm_matchesErlangA(int agents, double erlangs, int patienceSeconds, int hours) {
    Duration patience = Duration.ofSeconds(patienceSeconds);
    SimulationReport report = centre(agents, erlangs, hours)
        .stream(calls(erlangs).patience(Distribution.exponential(patience)).build())
        .build().run();
    ErlangA theory = new ErlangA(Load.of(erlangs * 3600 / AHT.toSeconds(), AHT), agents, patience);
    Kpis k = report.overall();
    assertThat(matches(k.abandonmentRate(), theory.probabilityOfAbandonment(), 0.01))
        .as("abandonment %s vs Erlang A %s", k.abandonmentRate(), theory.probabilityOfAbandonment())
        .isTrue();
    assertThat(matches(k.probabilityOfWait(), theory.probabilityOfWait(), 0.01))
        .as("P(wait) %s vs Erlang A %s", k.probabilityOfWait(), theory.probabilityOfWait()).isTrue();
  }
}
