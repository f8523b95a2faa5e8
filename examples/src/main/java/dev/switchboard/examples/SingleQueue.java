package dev.switchboard.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.erlang.ErlangA;
import dev.switchboard.erlang.ErlangC;
import dev.switchboard.erlang.Load;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Distribution;
import dev.switchboard.sim.Simulation;
import dev.switchboard.sim.SimulationLimits;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The single-queue centre of {@code simulate} and {@code erlang}: Poisson calls, exponential
 * handle times, identical agents, optionally exponential patience. Each flag is held to the
 * simulator's {@link SimulationLimits}.
 */
final class SingleQueue {

  static final Set<String> FLAGS = Set.of("arrival-rate-per-hour", "aht-seconds", "agents",
      "hours", "sl-seconds", "patience-seconds", "seed", "replications");

  final double arrivalsPerHour;
  final Duration aht;
  final int agents;
  final Duration hours;
  final Duration sl;
  final Optional<Duration> patience;
  final long seed;
  final int replications;

  SingleQueue(Flags flags) {
    double year = SimulationLimits.MAX_DURATION.toSeconds();
    arrivalsPerHour = flags.positiveAtMost("arrival-rate-per-hour",
        SimulationLimits.MAX_RATE_PER_HOUR);
    aht = seconds(flags.positiveAtMost("aht-seconds", year));
    agents = flags.has("agents") ? flags.count("agents", 1, SimulationLimits.MAX_AGENTS)
        : missing("agents");
    hours = seconds(flags.positiveAtMost("hours", 8, SimulationLimits.MAX_DURATION.toHours())
        * 3600);
    sl = seconds(flags.positiveAtMost("sl-seconds", 20, year));
    patience = flags.has("patience-seconds")
        ? Optional.of(seconds(flags.positiveAtMost("patience-seconds", year))) : Optional.empty();
    seed = flags.seed(1);
    replications = flags.count("replications", 10, SimulationLimits.MAX_REPLICATIONS);
  }

  private static int missing(String name) {
    throw new UserError("--" + name + " is required");
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }

  Simulation simulation() {
    Simulation.Builder b = Simulation.builder().horizon(hours).serviceLevelThreshold(sl)
        .seed(seed).replications(replications);
    for (int i = 1; i <= agents; i++) {
      b.agent(Agent.builder("agent-" + i).capacity(Channel.VOICE, 1).build());
    }
    ArrivalStream.Builder calls = ArrivalStream.builder("call", Channel.VOICE)
        .ratePerHour(arrivalsPerHour).handleTime(Distribution.exponential(aht));
    patience.ifPresent(p -> calls.patience(Distribution.exponential(p)));
    return b.stream(calls.build()).build();
  }

  /** The analytic values under the simulator's keys; exact, so every interval is 0. */
  String erlangJson() {
    Load load = Load.of(arrivalsPerHour, aht);
    ObjectNode json = new ObjectMapper().createObjectNode();
    if (patience.isEmpty()) {
      if (agents <= load.erlangs()) {
        throw new UserError(agents + " agents cannot carry " + load.erlangs()
            + " erlangs without abandonment: the queue grows without bound; add agents or give"
            + " --patience-seconds");
      }
      ErlangC c = new ErlangC(load, agents);
      put(json, "probabilityOfWait", c.probabilityOfWait());
      put(json, "averageSpeedOfAnswerSeconds", c.averageSpeedOfAnswer().toNanos() / 1e9);
      put(json, "serviceLevel", c.serviceLevel(sl));
      put(json, "abandonmentRate", 0);
      put(json, "occupancy", c.occupancy());
      json.put("model", "Erlang C (M/M/n)");
    } else {
      ErlangA a = new ErlangA(load, agents, patience.get());
      put(json, "probabilityOfWait", a.probabilityOfWait());
      // Erlang A gives the mean wait over all arrivals, not the answered ones; no closed form here
      json.putNull("averageSpeedOfAnswerSeconds");
      json.putNull("averageSpeedOfAnswerSecondsCi95");
      put(json, "averageWaitSeconds", a.averageWait().toNanos() / 1e9);
      json.putNull("serviceLevel");
      json.putNull("serviceLevelCi95");
      put(json, "abandonmentRate", a.probabilityOfAbandonment());
      put(json, "occupancy", a.occupancy());
      json.put("model", "Erlang A (M/M/n+M)");
    }
    json.put("itemsSimulated", 0);
    json.put("offeredLoadErlangs", load.erlangs());
    return json.toPrettyString() + System.lineSeparator();
  }

  private static void put(ObjectNode json, String key, double value) {
    json.put(key, value);
    json.put(key + "Ci95", 0.0);
  }
}
