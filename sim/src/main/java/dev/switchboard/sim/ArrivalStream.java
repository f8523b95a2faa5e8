package dev.switchboard.sim;

import dev.switchboard.Channel;
import dev.switchboard.WorkItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of simulated work: Poisson arrivals on a channel into a queue, at a constant rate or
 * a rate per period of the day, each with a handle time and, optionally, a patience after which a
 * waiting customer abandons.
 *
 * @param name names the stream's items ({@code name-1}, {@code name-2}, ...)
 * @param channel the channel items arrive on
 * @param queue the queue they join
 * @param requiredSkills skill to minimum level
 * @param ratesPerHour arrival rate per hour for each period, cycling; one value for a constant rate
 * @param period length of each rate period
 * @param handleTime how long an agent works on an item once assigned
 * @param patience how long a customer waits before abandoning; empty means forever
 * @param slaTarget the SLA target items carry, if any
 * @param followUpProbability chance that the customer writes again after an item is completed,
 *     which the engine turns into a new item in the same conversation (0 for none)
 * @param followUpDelay how long after completion the follow-up arrives
 * @param customers how many customers the stream's items come from, each item from one drawn at
 *     random ({@code customer-1} to {@code customer-<n>}, shared by every stream of a simulation,
 *     so a customer can write on several channels and meet the agents who know them); 0 (the
 *     default) gives every item a customer of its own
 * @param balkProbability chance that a caller who would have to wait (the engine queues the
 *     item on arrival) leaves at once (0 for none)
 * @param retrialProbability chance that a caller who abandoned calls back (0 for none)
 * @param retrialDelay how long after abandoning the caller calls back
 * @since 0.1
 */
public record ArrivalStream(String name, Channel channel, String queue,
    Map<String, Integer> requiredSkills, List<Double> ratesPerHour, Duration period,
    Distribution handleTime, Optional<Distribution> patience, Optional<Duration> slaTarget,
    double followUpProbability, Distribution followUpDelay, int customers, double balkProbability,
    double retrialProbability, Distribution retrialDelay) {

  /** Validates the stream. */
  public ArrivalStream {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(queue, "queue");
    requiredSkills = Map.copyOf(requiredSkills);
    ratesPerHour = List.copyOf(ratesPerHour);
    if (ratesPerHour.isEmpty()) {
      throw new IllegalArgumentException("stream " + name + " needs at least one arrival rate");
    }
    SimulationLimits.count("stream " + name + " rate periods", ratesPerHour.size(),
        SimulationLimits.MAX_RATE_PERIODS);
    for (double r : ratesPerHour) {
      if (!(r >= 0 && r <= SimulationLimits.MAX_RATE_PER_HOUR)) {
        throw new IllegalArgumentException("stream " + name + " has arrival rate " + r
            + " per hour; rates must be from 0 to " + (long) SimulationLimits.MAX_RATE_PER_HOUR);
      }
    }
    Periods.check("stream " + name, period);
    Objects.requireNonNull(handleTime, "handleTime");
    Objects.requireNonNull(patience, "patience");
    Objects.requireNonNull(slaTarget, "slaTarget");
    slaTarget.ifPresent(t -> SimulationLimits.duration("stream " + name + " SLA target", t));
    if (!(followUpProbability >= 0 && followUpProbability < 1)) {
      throw new IllegalArgumentException("stream " + name + " has followUpProbability "
          + followUpProbability + "; allowed: 0 to 1, excluding 1");
    }
    Objects.requireNonNull(followUpDelay, "followUpDelay");
    if (customers < 0 || customers > SimulationLimits.MAX_CUSTOMERS) {
      throw new IllegalArgumentException("stream " + name + " has customers " + customers
          + "; allowed: 0 (a customer per item) or a population of at most "
          + SimulationLimits.MAX_CUSTOMERS);
    }
    if (!(balkProbability >= 0 && balkProbability <= 1)) {
      throw new IllegalArgumentException("stream " + name + " has balkProbability "
          + balkProbability + "; allowed: 0 to 1");
    }
    if (!(retrialProbability >= 0 && retrialProbability < 1)) {
      throw new IllegalArgumentException("stream " + name + " has retrialProbability "
          + retrialProbability + "; allowed: 0 to 1, excluding 1");
    }
    Objects.requireNonNull(retrialDelay, "retrialDelay");
  }

  /** A stream without balking or retrials, as before they existed. */
  public ArrivalStream(String name, Channel channel, String queue,
      Map<String, Integer> requiredSkills, List<Double> ratesPerHour, Duration period,
      Distribution handleTime, Optional<Distribution> patience, Optional<Duration> slaTarget,
      double followUpProbability, Distribution followUpDelay, int customers) {
    this(name, channel, queue, requiredSkills, ratesPerHour, period, handleTime, patience,
        slaTarget, followUpProbability, followUpDelay, customers, 0, 0,
        Distribution.fixed(Duration.ZERO));
  }

  /** Starts a stream of the named items on the channel, into the default queue. */
  public static Builder builder(String name, Channel channel) {
    return new Builder(name, channel);
  }

  /** The arrival rate per hour in force at {@code elapsed} from the start. */
  double rateAt(Duration elapsed) {
    return Periods.at(ratesPerHour, period, elapsed.toNanos());
  }

  /** The arrivals the rates promise from {@code 0} to {@code nanos}. */
  double expectedArrivalsUntil(long nanos) {
    long p = period.toNanos();
    int n = ratesPerHour.size();
    double cycle = 0;
    for (double r : ratesPerHour) {
      cycle += r;
    }
    long periods = nanos / p;
    double sum = (periods / n) * cycle;
    for (long i = 0; i < periods % n; i++) {
      sum += ratesPerHour.get((int) i);
    }
    double hoursPerPeriod = p / 3600e9;
    return sum * hoursPerPeriod
        + ratesPerHour.get((int) (periods % n)) * (nanos - periods * p) / 3600e9;
  }

  /** The highest rate of any period, per hour. */
  double maxRate() {
    return ratesPerHour.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /** Builds an {@link ArrivalStream}. */
  public static final class Builder {
    private final String name;
    private final Channel channel;
    private String queue = WorkItem.DEFAULT_QUEUE;
    private final Map<String, Integer> skills = new LinkedHashMap<>();
    private List<Double> rates = List.of();
    private Duration period = Duration.ofHours(1);
    private Distribution handleTime;
    private Optional<Distribution> patience = Optional.empty();
    private Optional<Duration> slaTarget = Optional.empty();
    private double followUpProbability;
    private Distribution followUpDelay = Distribution.fixed(Duration.ZERO);
    private int customers;
    private double balkProbability;
    private double retrialProbability;
    private Distribution retrialDelay = Distribution.fixed(Duration.ZERO);

    private Builder(String name, Channel channel) {
      this.name = name;
      this.channel = channel;
    }

    /** The queue items join. */
    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    /** A skill items require. */
    public Builder requireSkill(String skill, int level) {
      skills.put(skill, level);
      return this;
    }

    /** A constant arrival rate. */
    public Builder ratePerHour(double rate) {
      this.rates = List.of(rate);
      return this;
    }

    /** Arrival rates per successive period, cycling. */
    public Builder ratesPerHour(Duration period, List<Double> rates) {
      this.period = period;
      this.rates = rates;
      return this;
    }

    /** How long items take to handle. */
    public Builder handleTime(Distribution handleTime) {
      this.handleTime = handleTime;
      return this;
    }

    /** How long customers wait before abandoning. */
    public Builder patience(Distribution patience) {
      this.patience = Optional.of(patience);
      return this;
    }

    /** Gives items an SLA target, so the engine orders by it and reports breaches. */
    public Builder slaTarget(Duration target) {
      this.slaTarget = Optional.of(target);
      return this;
    }

    /**
     * After an item is completed the customer writes again with this probability, after the
     * delay; the follow-up is a new item in the same conversation, offered first to the agent
     * who handled the last one. Follow-ups may themselves be followed up.
     */
    public Builder followUps(double probability, Distribution delay) {
      this.followUpProbability = probability;
      this.followUpDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /**
     * Draws each item's customer from a population of this size ({@code customer-1} to {@code
     * customer-<n>}, shared across streams), so that customers come back and affinity routing has
     * relationships to use; by default every item has a customer of its own.
     */
    public Builder customers(int population) {
      if (population < 1 || population > SimulationLimits.MAX_CUSTOMERS) {
        throw new IllegalArgumentException("customers is " + population
            + "; allowed: a population from 1 to " + SimulationLimits.MAX_CUSTOMERS);
      }
      this.customers = population;
      return this;
    }

    /**
     * A caller who would have to wait (the engine queues the item rather than offering it at
     * once) leaves at once with this probability, counted as balked.
     *
     * @since 0.5
     */
    public Builder balkProbability(double probability) {
      this.balkProbability = probability;
      return this;
    }

    /**
     * A caller who abandoned calls back with this probability after the delay: a new item of
     * this stream, counted as an arrival and a retrial, which may itself abandon and retry.
     *
     * @since 0.5
     */
    public Builder retrials(double probability, Distribution delay) {
      this.retrialProbability = probability;
      this.retrialDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /** Builds the stream. */
    public ArrivalStream build() {
      return new ArrivalStream(name, channel, queue, skills, rates, period, handleTime, patience,
          slaTarget, followUpProbability, followUpDelay, customers, balkProbability,
          retrialProbability, retrialDelay);
    }
  }
}
