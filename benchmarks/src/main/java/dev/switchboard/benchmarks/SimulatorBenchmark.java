package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Simulator speed on an M/M/c centre: 50 voice agents, 45 erlangs, exponential handle time of
 * 180 s, one replication of 112 simulated hours (about 100,000 calls). One op is one whole
 * simulation run (build and run); the {@code items} secondary result is simulated items per
 * second of wall time on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulatorBenchmark {

  private static final Duration AHT = Duration.ofSeconds(180);
  private static final int AGENTS = 50;
  private static final double ERLANGS = 45.0;

  /** Items simulated, reported by JMH as a rate (items/s). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Items {
    public long items;

    /** Counts each iteration afresh. */
    @Setup(Level.Iteration)
    public void reset() {
      items = 0;
    }
  }

  private Simulation.Builder centre;

  /** The centre's configuration; each run builds its own simulation from it. */
  @Setup(Level.Trial)
  public void setUp() {
    centre = Simulation.builder()
        .horizon(Duration.ofHours(112))
        .warmUp(Duration.ofHours(1))
        .replications(1)
        .seed(7)
        .serviceLevelThreshold(Duration.ofSeconds(20))
        .stream(ArrivalStream.builder("call", Channel.VOICE)
            .ratePerHour(ERLANGS * 3600 / AHT.toSeconds())
            .handleTime(Distribution.exponential(AHT)).build());
    for (int i = 0; i < AGENTS; i++) {
      centre.agent(Agent.builder("a" + i).capacity(Channel.VOICE, 1).build());
    }
  }

  /** One simulation run. */
  @Benchmark
  public SimulationReport mmc50(Items counter) {
    SimulationReport report = centre.build().run();
    counter.items += report.itemsSimulated();
    return report;
  }
}
