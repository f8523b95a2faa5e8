package dev.switchboard.sim;

import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An outbound dialer: while its window is open, whenever an agent becomes free and at least
 * {@code minFreeAgents} agents on its channel and at least {@code minFreeDialerAgents} agents who
 * may take its calls are free, it places {@code callsPerFreeAgent} calls per free dialer agent.
 * A call reaches the right party with the probability of the period it is placed in; a reached
 * party becomes an item of the dialer's queue and waits {@code patience} for an agent, then hangs
 * up (a mismatch). Calls that do not reach anyone take no agent time.
 *
 * @param name names the reached calls' items ({@code name-1}, ...) and their report entry
 * @param channel the channel of the calls
 * @param queue the queue reached calls join
 * @param requiredSkills skill to minimum level: who may take the calls (the dialer agents)
 * @param start when the dialer starts, from the start of the simulation
 * @param end when it stops placing calls
 * @param minFreeAgents free agents on the channel, of any kind, needed to dial
 * @param minFreeDialerAgents free dialer agents needed to dial
 * @param callsPerFreeAgent calls placed per free dialer agent
 * @param rightPartyProbabilities probability of reaching the right party per period, cycling
 * @param period length of each probability period
 * @param handleTime how long an agent talks with a reached party
 * @param patience how long a reached party waits for an agent
 * @since 0.5
 */
public record Dialer(String name, Channel channel, String queue,
    Map<String, Integer> requiredSkills, Duration start, Duration end, int minFreeAgents,
    int minFreeDialerAgents, int callsPerFreeAgent, List<Double> rightPartyProbabilities,
    Duration period, Distribution handleTime, Distribution patience) {

  /** Validates the dialer. */
  public Dialer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(queue, "queue");
    requiredSkills = Map.copyOf(requiredSkills);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.isNegative() || end.compareTo(start) <= 0) {
      throw new IllegalArgumentException("dialer " + name + " runs from " + start + " to " + end
          + "; it must start at or after zero and end after it starts");
    }
    SimulationLimits.duration("dialer " + name + " end", end);
    if (minFreeAgents < 0 || minFreeAgents > SimulationLimits.MAX_AGENTS) {
      throw new IllegalArgumentException("dialer " + name + " has minFreeAgents " + minFreeAgents
          + "; allowed: 0 to " + SimulationLimits.MAX_AGENTS);
    }
    if (minFreeDialerAgents < 1 || minFreeDialerAgents > SimulationLimits.MAX_AGENTS) {
      throw new IllegalArgumentException("dialer " + name + " has minFreeDialerAgents "
          + minFreeDialerAgents + "; allowed: 1 to " + SimulationLimits.MAX_AGENTS);
    }
    if (callsPerFreeAgent < 1 || callsPerFreeAgent > 100) {
      throw new IllegalArgumentException("dialer " + name + " has callsPerFreeAgent "
          + callsPerFreeAgent + "; allowed: 1 to 100");
    }
    rightPartyProbabilities = List.copyOf(rightPartyProbabilities);
    if (rightPartyProbabilities.isEmpty()) {
      throw new IllegalArgumentException("dialer " + name
          + " needs at least one right-party probability");
    }
    SimulationLimits.count("dialer " + name + " probability periods",
        rightPartyProbabilities.size(), SimulationLimits.MAX_RATE_PERIODS);
    for (double p : rightPartyProbabilities) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("dialer " + name + " has right-party probability " + p
            + "; allowed: 0 to 1");
      }
    }
    Periods.check("dialer " + name, period);
    Objects.requireNonNull(handleTime, "handleTime");
    Objects.requireNonNull(patience, "patience");
  }

  /** Starts a dialer of the named calls on the channel, from {@code start} to {@code end}. */
  public static Builder builder(String name, Channel channel, Duration start, Duration end) {
    return new Builder(name, channel, start, end);
  }

  /** The right-party probability in force at {@code elapsedNanos} from the start. */
  double rightPartyAt(long elapsedNanos) {
    return Periods.at(rightPartyProbabilities, period, elapsedNanos);
  }

  /** Builds a {@link Dialer}. */
  public static final class Builder {
    private final String name;
    private final Channel channel;
    private final Duration start;
    private final Duration end;
    private String queue = WorkItem.DEFAULT_QUEUE;
    private final Map<String, Integer> skills = new LinkedHashMap<>();
    private int minFreeAgents;
    private int minFreeDialerAgents = 1;
    private int callsPerFreeAgent = 1;
    private List<Double> probabilities = List.of(1.0);
    private Duration period = Duration.ofHours(1);
    private Distribution handleTime;
    private Distribution patience = Distribution.fixed(Duration.ofSeconds(5));

    private Builder(String name, Channel channel, Duration start, Duration end) {
      this.name = name;
      this.channel = channel;
      this.start = start;
      this.end = end;
    }

    /** The queue reached calls join. */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /** A skill the calls require: who the dialer agents are. */
    public Builder requireSkill(String skill, int level) {
      skills.put(skill, level);
      return this;
    }

    /**
     * Dial only when at least {@code anyAgents} agents on the channel (0 by default) and at least
     * {@code dialerAgents} agents who may take the calls (1 by default) are free.
     */
    public Builder minFree(int anyAgents, int dialerAgents) {
      this.minFreeAgents = anyAgents;
      this.minFreeDialerAgents = dialerAgents;
      return this;
    }

    /** Calls placed per free dialer agent; 1 by default. */
    public Builder callsPerFreeAgent(int calls) {
      this.callsPerFreeAgent = calls;
      return this;
    }

    /** One probability of reaching the right party all day; 1 by default. */
    public Builder rightPartyProbability(double p) {
      this.probabilities = List.of(p);
      return this;
    }

    /** Probabilities of reaching the right party per successive period, cycling. */
    public Builder rightPartyProbabilities(Duration period, List<Double> probabilities) {
      this.period = period;
      this.probabilities = probabilities;
      return this;
    }

    /** How long a conversation with a reached party takes (required). */
    public Builder handleTime(Distribution handleTime) {
      this.handleTime = handleTime;
      return this;
    }

    /** How long a reached party waits for an agent before hanging up; 5 s by default. */
    public Builder patience(Distribution patience) {
      this.patience = patience;
      return this;
    }

    /** Builds the dialer. */
    public Dialer build() {
      return new Dialer(name, channel, queue, skills, start, end, minFreeAgents,
          minFreeDialerAgents, callsPerFreeAgent, probabilities, period, handleTime, patience);
    }
  }
}
