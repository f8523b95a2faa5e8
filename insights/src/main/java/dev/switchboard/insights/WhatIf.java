package dev.switchboard.insights;

import dev.switchboard.Agent;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Tries changes before they are made: simulates a measured {@link Workload} on the production
 * engine, configured as the host configures it, once as measured and once with the changes, on
 * the same random numbers, and returns both with confidence intervals. Each run first simulates a
 * warm-up of the same work (not counted), so the period starts with the queues it would have.
 *
 * <p>The model: arrivals are Poisson at the measured rate, handle times and patience exponential
 * at the measured means, agents accept offers at once and work the whole period. Thread-safe;
 * each call runs its own simulations.
 *
 * @since 0.2
 */
public final class WhatIf {

  private final UnaryOperator<SwitchboardBuilder> engine;
  private final int replications;
  private final long seed;
  private final double warmUpPeriods;

  private WhatIf(Builder b) {
    this.engine = b.engine;
    this.replications = b.replications;
    this.seed = b.seed;
    this.warmUpPeriods = b.warmUpPeriods;
  }

  /**
   * Starts configuring what-if runs on an engine configured by {@code engine}: the host's own
   * configuration (skills, queues, policies, strategy), without clock or listeners.
   */
  public static Builder builder(UnaryOperator<SwitchboardBuilder> engine) {
    return new Builder(engine);
  }

  /** Simulates the workload as measured and with the changes. */
  public Prediction predict(Workload workload, List<Change> changes) {
    Objects.requireNonNull(workload, "workload");
    List<Change> tried = List.copyOf(changes);
    if (workload.streams().isEmpty()) {
      throw new IllegalArgumentException("the workload has no arrivals to simulate");
    }
    SimulationReport asMeasured = simulate(engine, workload.agents(), workload);
    UnaryOperator<SwitchboardBuilder> changedEngine = engine;
    Map<String, Agent> agents = new LinkedHashMap<>();
    workload.agents().forEach(a -> agents.put(a.id(), a));
    for (Change change : tried) {
      if (change instanceof Change.AddAgents add) {
        for (int i = 1; i <= add.count(); i++) {
          Agent copy = renamed(add.template(), add.template().id() + "-" + i);
          if (agents.putIfAbsent(copy.id(), copy) != null) {
            throw new IllegalArgumentException("cannot add agent " + copy.id()
                + ": the workload already has an agent with that id");
          }
        }
      } else if (change instanceof Change.GiveSkill give) {
        Agent agent = agents.get(give.agentId());
        if (agent == null) {
          throw new IllegalArgumentException("cannot give " + give.skill() + " to "
              + give.agentId() + ": no such agent in the workload (" + agents.keySet() + ")");
        }
        agents.put(agent.id(), agent.toBuilder().skill(give.skill(), give.level()).build());
      } else if (change instanceof Change.Engine e) {
        changedEngine = e.configure();
      }
    }
    SimulationReport changed = simulate(changedEngine, new ArrayList<>(agents.values()), workload);
    return new Prediction(tried, asMeasured, changed);
  }

  private SimulationReport simulate(UnaryOperator<SwitchboardBuilder> configure,
      List<Agent> agents, Workload workload) {
    if (agents.isEmpty()) {
      throw new IllegalArgumentException("the workload has no agents to simulate");
    }
    Duration warmUp = Duration.ofNanos(Math.round(workload.length().toNanos() * warmUpPeriods));
    Simulation.Builder sim = Simulation.builder()
        .engine(configure)
        .horizon(warmUp.plus(workload.length()))
        .warmUp(warmUp)
        .serviceLevelThreshold(workload.serviceLevelThreshold())
        .replications(replications)
        .seed(seed);
    agents.forEach(sim::agent);
    for (ArrivalStream stream : workload.streams()) {
      sim.stream(stream);
    }
    return sim.build().run();
  }

  private static Agent renamed(Agent template, String id) {
    return new Agent(id, template.skills(), template.capacity(), template.totalCapacity(),
        template.exclusiveChannels(), template.team(), template.supervisor());
  }

  /** Configures {@link WhatIf}; every option has a default. */
  public static final class Builder {
    private final UnaryOperator<SwitchboardBuilder> engine;
    private int replications = 30;
    private long seed = 1;
    private double warmUpPeriods = 2;

    private Builder(UnaryOperator<SwitchboardBuilder> engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Replications per run, 2 to 1,000; 30 by default. */
    public Builder replications(int replications) {
      if (replications < 2 || replications > 1_000) {
        throw new IllegalArgumentException("replications is " + replications
            + "; allowed: 2 to 1000 (a confidence interval needs at least 2)");
      }
      this.replications = replications;
      return this;
    }

    /** The seed of the runs' random numbers; 1 by default. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Warm-up before the measured period, in periods, 0 to 10; 2 by default. */
    public Builder warmUpPeriods(double periods) {
      if (!(periods >= 0 && periods <= 10)) {
        throw new IllegalArgumentException("warmUpPeriods is " + periods + "; allowed: 0 to 10");
      }
      this.warmUpPeriods = periods;
      return this;
    }

    /** Builds the what-if runner. */
    public WhatIf build() {
      return new WhatIf(this);
    }
  }
}
