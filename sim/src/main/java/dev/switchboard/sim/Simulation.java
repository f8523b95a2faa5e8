package dev.switchboard.sim;

import dev.switchboard.Agent;
import dev.switchboard.Expression;
import dev.switchboard.PolicyStep;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Target;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.QueueHours;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * A simulated contact centre run on the real engine in manual mode, in virtual time: the same
 * routing code as production, no threads, and the same result for the same seed. Configure the
 * engine as in production, add agents with shifts and streams of arriving work, then {@link
 * #run()} independent replications.
 *
 * <p>Simulated agents accept each offer after {@code acceptDelay} unless they miss it (with
 * {@code missProbability}, leaving it to time out), handle it for the stream's handle time, then
 * complete it. Customers with a patience abandon when it runs out before an agent takes the item.
 *
 * <p><b>Business hours.</b> The run starts at a real instant ({@link Builder#start}), so that
 * calendars line up: an agent may work a calendar's open hours ({@link Builder#agent(Agent,
 * String, Shift...)}), and a queue may keep hours ({@link Builder#queueHours}), the engine then
 * holding work that arrives while it is closed exactly as in production. A held item's wait runs
 * from its arrival, so the report's waits include the time it was held.
 *
 * @since 0.1
 */
public final class Simulation {

  /** The default start: a Monday at midnight UTC. */
  static final Instant DEFAULT_START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Instant EARLIEST_START = Instant.EPOCH;
  private static final Instant LATEST_START = Instant.parse("2200-01-01T00:00:00Z");

  final UnaryOperator<SwitchboardBuilder> engine;
  /** The instant of offset zero, on the engine's clock. */
  final Instant start;
  final Map<String, BusinessCalendar> calendars;
  final Map<String, QueueHours> queueHours;
  final List<Staffed> agents;
  final List<ArrivalStream> streams;
  final List<CampaignWorkload> campaigns;
  final Duration horizon;
  final Duration warmUp;
  final Duration serviceLevelThreshold;
  final int replications;
  final long seed;
  final double missProbability;
  final Distribution acceptDelay;
  final SimulationObserver observer;
  /** Trunk lines (calls in the centre at once), 0 for no limit. */
  final int trunks;
  /** Inbound calls waiting at once, 0 for no limit. */
  final int maxWaiting;
  final boolean disconnectAtClose;
  /** Shape of the daily gamma busyness factor (mean 1), 0 for none. */
  final double busynessShape;
  final boolean randomGroupSelection;
  final Dialer dialer;
  /** Length of the periods team occupancy is also reported for; null for none. */
  final Duration occupancyPeriod;
  /** Length of the intervals of arrival the report breaks its figures down by. */
  final Duration intervalLength;

  /** The item attribute naming the team the simulator chose for a call. */
  static final String GROUP_ATTRIBUTE = "group";

  /**
   * An agent and the shifts it works; with {@code wholeRun}, logged in from the start and never
   * out (no shifts given, no calendar followed).
   */
  record Staffed(Agent agent, List<Shift> shifts, boolean wholeRun) {
    Staffed(Agent agent, List<Shift> shifts) {
      this(agent, shifts, shifts.isEmpty());
    }
  }

  private Simulation(Builder b) {
    this.engine = b.engine;
    this.start = b.start;
    this.calendars = Map.copyOf(b.calendars);
    this.queueHours = Map.copyOf(b.queueHours);
    List<Staffed> staffed = new ArrayList<>();
    // shared by the agents that have a calendar and no shifts of their own
    Map<String, List<Shift>> calendarOnly = new LinkedHashMap<>();
    for (Staffed s : b.agents) {
      String calendar = b.agentCalendars.get(s.agent().id());
      if (calendar == null) {
        staffed.add(s);
        continue;
      }
      List<Shift> shifts = s.shifts().isEmpty()
          ? calendarOnly.computeIfAbsent(calendar, c -> CalendarShifts.of(b.calendars.get(c),
              List.of(), b.start, b.horizon))
          : CalendarShifts.of(b.calendars.get(calendar), s.shifts(), b.start, b.horizon);
      staffed.add(new Staffed(s.agent(), shifts, false));
    }
    this.agents = List.copyOf(staffed);
    this.streams = List.copyOf(b.streams);
    this.campaigns = List.copyOf(b.campaigns.values());
    this.horizon = b.horizon;
    this.warmUp = b.warmUp;
    this.serviceLevelThreshold = b.serviceLevelThreshold;
    this.replications = b.replications;
    this.seed = b.seed;
    this.missProbability = b.missProbability;
    this.acceptDelay = b.acceptDelay;
    this.observer = b.observer;
    this.trunks = b.trunks;
    this.maxWaiting = b.maxWaiting;
    this.disconnectAtClose = b.disconnectAtClose;
    this.busynessShape = b.busynessShape;
    this.randomGroupSelection = b.randomGroupSelection;
    this.dialer = b.dialer;
    this.occupancyPeriod = b.occupancyPeriod;
    this.intervalLength = b.resolvedInterval;
  }

  /**
   * The engine as configured, plus, with random group selection, the policy of every stream's
   * queue: first the team the simulator chose (waiting a millisecond, so that a call with no
   * free team moves on at once), then any agent with the required skills.
   */
  UnaryOperator<SwitchboardBuilder> engineWithQueues() {
    UnaryOperator<SwitchboardBuilder> withHours = withHours(engine);
    if (!randomGroupSelection) {
      return withHours;
    }
    Map<String, RoutingPolicy> policies = new LinkedHashMap<>();
    for (ArrivalStream s : streams) {
      List<Expression> terms = new ArrayList<>();
      terms.add(Expression.sameAsItem(Expression.TEAM, GROUP_ATTRIBUTE));
      s.requiredSkills().forEach((skill, level) -> terms.add(Expression.skillAtLeast(skill,
          level)));
      policies.putIfAbsent(s.queue(), RoutingPolicy.of(
          PolicyStep.waitFor(Target.expression(Expression.and(terms.toArray(Expression[]::new))),
              Duration.ofMillis(1)),
          PolicyStep.untilAnswered(Target.requiredSkills())));
    }
    return b -> {
      withHours.apply(b);
      policies.forEach(b::queue);
      return b;
    };
  }

  /** The engine as configured, with the simulation's calendars and queue hours registered. */
  private UnaryOperator<SwitchboardBuilder> withHours(UnaryOperator<SwitchboardBuilder> configure) {
    if (calendars.isEmpty()) {
      return configure;
    }
    List<BusinessCalendar> ordered = calendars.values().stream()
        .sorted(java.util.Comparator.comparing(BusinessCalendar::name)).toList();
    return b -> {
      configure.apply(b);
      ordered.forEach(b::calendar);
      queueHours.forEach((queue, h) -> b.queueHours(queue, h.calendar(), h.afterHours()));
      return b;
    };
  }

  /** Starts configuring a simulation. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the replications one after another and estimates every KPI over them. */
  public SimulationReport run() {
    return run(1);
  }

  /**
   * Runs the replications on up to {@code threads} threads and estimates every KPI over them. The
   * report is the same for any number of threads: each replication's seed is drawn in order
   * before any runs, and the results are combined in replication order. With more than one
   * thread the {@link SimulationObserver} is called from several threads at once (one
   * replication each), so it must be thread-safe. Throws {@link IllegalArgumentException} for
   * fewer than 1 or more than 256 threads.
   *
   * @since 0.3
   */
  public SimulationReport run(int threads) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("threads is " + threads + "; allowed: 1 to 256");
    }
    SplittableRandom seeds = new SplittableRandom(seed);
    long[] replicationSeeds = new long[replications];
    for (int r = 0; r < replications; r++) {
      replicationSeeds[r] = seeds.nextLong();
    }
    List<Replication.Result> results = new ArrayList<>(replications);
    int pool = Math.min(threads, replications);
    if (pool == 1) {
      for (int r = 0; r < replications; r++) {
        results.add(new Replication(this, replicationSeeds[r], r).run());
      }
      return Replication.Result.report(results);
    }
    ExecutorService workers = Executors.newFixedThreadPool(pool, task -> {
      Thread t = new Thread(task, "switchboard-simulation");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Replication.Result>> running = new ArrayList<>(replications);
      for (int r = 0; r < replications; r++) {
        int number = r;
        running.add(workers.submit(() -> new Replication(this, replicationSeeds[number], number)
            .run()));
      }
      for (Future<Replication.Result> f : running) {
        results.add(f.get());
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a replication failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the replications ran", e);
    } finally {
      workers.shutdownNow();
    }
    return Replication.Result.report(results);
  }

  /** Configures a {@link Simulation}. */
  public static final class Builder {
    private UnaryOperator<SwitchboardBuilder> engine = UnaryOperator.identity();
    private Instant start = DEFAULT_START;
    private final Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    private final Map<String, QueueHours> queueHours = new LinkedHashMap<>();
    private final Map<String, String> agentCalendars = new LinkedHashMap<>();
    private final List<Staffed> agents = new ArrayList<>();
    private final Map<String, ArrivalStream> streamsByName = new LinkedHashMap<>();
    private final List<ArrivalStream> streams = new ArrayList<>();
    private final Map<String, CampaignWorkload> campaigns = new LinkedHashMap<>();
    private Duration horizon;
    private Duration warmUp = Duration.ZERO;
    private Duration serviceLevelThreshold = Duration.ofSeconds(20);
    private int replications = 10;
    private long seed = 1;
    private double missProbability;
    private Distribution acceptDelay = Distribution.fixed(Duration.ZERO);
    private SimulationObserver observer = new SimulationObserver() {};
    private int trunks;
    private int maxWaiting;
    private boolean disconnectAtClose;
    private double busynessShape;
    private boolean randomGroupSelection;
    private Dialer dialer;
    private Duration occupancyPeriod;
    private Duration intervalLength;
    private Duration resolvedInterval;

    private Builder() {}

    /**
     * The length of the intervals the report's {@linkplain SimulationReport#intervals() interval
     * figures} are counted in, by the items' arrival times, from the start of the run and cut to
     * the counted window. 30 minutes by default; unset, the default is doubled until the
     * intervals times the queues (plus one, for all work) fit in {@link
     * SimulationLimits#MAX_INTERVAL_CELLS}. Set, a length that does not fit is refused when the
     * simulation is built.
     *
     * @param length the interval length, positive and at most {@link
     *     SimulationLimits#MAX_DURATION}
     * @return this builder
     * @throws IllegalArgumentException if the length is not positive or too long
     * @since 0.6
     */
    public Builder intervalLength(Duration length) {
      this.intervalLength = Periods.check("interval", length);
      return this;
    }

    /**
     * A fixed number of trunk lines: a call (inbound, or reached by the dialer) holds one from
     * arrival until it ends, and an inbound call that finds none free is blocked and counted.
     * No limit by default.
     *
     * @since 0.5
     */
    public Builder trunks(int lines) {
      this.trunks = lines("trunks", lines);
      return this;
    }

    /**
     * At most this many inbound calls wait for an agent at once; a call arriving beyond that is
     * blocked and counted. No limit by default.
     *
     * @since 0.5
     */
    public Builder maxWaiting(int calls) {
      this.maxWaiting = lines("maxWaiting", calls);
      return this;
    }

    /**
     * End of day: when the last agent on shift logs out, every call still waiting is
     * disconnected and counted, and a call arriving while no agent is on shift is disconnected
     * at once. Off by default (waiting calls wait for the next shift).
     *
     * @since 0.5
     */
    public Builder disconnectAtClose() {
      this.disconnectAtClose = true;
      return this;
    }

    /**
     * Doubly stochastic arrivals: each day (24 hours from the start) draws a busyness factor
     * from a gamma distribution with this shape and mean 1, which multiplies every stream's
     * arrival rates that day. Off by default.
     *
     * @since 0.5
     */
    public Builder dailyBusyness(double gammaShape) {
      if (!(gammaShape >= 0.001 && gammaShape <= 1000)) {
        throw new IllegalArgumentException("busyness gamma shape is " + gammaShape
            + "; allowed: 0.001 to 1000");
      }
      this.busynessShape = gammaShape;
      return this;
    }

    /**
     * Random agent-group selection: on arrival the simulator picks, uniformly, one of the agent
     * teams with a free agent who may take the call, and the engine offers the call within that
     * team (by its selection strategy). The simulator defines the policy of every stream's
     * queue for this, so those queues must not be configured on the engine.
     *
     * @since 0.5
     */
    public Builder randomGroupSelection() {
      this.randomGroupSelection = true;
      return this;
    }

    /**
     * Also reports each team's occupancy per period of this length, the periods counted from the
     * start of the run and cut to the counted window (from the warm-up to the horizon); at most
     * {@link SimulationLimits#MAX_RATE_PERIODS} periods.
     *
     * @since 0.5
     */
    public Builder occupancyPeriod(Duration length) {
      this.occupancyPeriod = Periods.check("occupancy", length);
      return this;
    }

    /**
     * An outbound dialer whose reached calls the agents with its skills take; one at most.
     *
     * @since 0.5
     */
    public Builder dialer(Dialer dialer) {
      Objects.requireNonNull(dialer, "dialer");
      if (this.dialer != null) {
        throw new IllegalArgumentException("a dialer is already set ('" + this.dialer.name()
            + "'); a simulation has at most one");
      }
      this.dialer = dialer;
      return this;
    }

    /** Watches the run (pacing, dashboards, logs); by default nothing watches. */
    public Builder observer(SimulationObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /**
     * Configures each replication's engine (skills, queues, strategy, channels...). The clock is
     * the simulation's: do not set one.
     */
    public Builder engine(UnaryOperator<SwitchboardBuilder> configure) {
      this.engine = Objects.requireNonNull(configure, "configure");
      return this;
    }

    /**
     * The instant the run starts (offset zero of shifts, streams and the horizon), as the engine's
     * clock reads it; calendars are read at the real instants from here. 2026-01-05T00:00:00Z, a
     * Monday, by default; from 1970 to 2200.
     *
     * @param start the first instant of the run
     * @return this builder
     * @since 0.6
     */
    public Builder start(Instant start) {
      Objects.requireNonNull(start, "start");
      if (start.isBefore(EARLIEST_START) || start.isAfter(LATEST_START)) {
        throw new IllegalArgumentException("start is " + start + "; allowed: " + EARLIEST_START
            + " to " + LATEST_START + " (the engine keeps time in nanoseconds from 1970)");
      }
      this.start = start;
      return this;
    }

    /**
     * Registers a business calendar, by its name, on every replication's engine (for SLA
     * policies, queue hours and campaigns to follow) and for agents to work by. Do not register
     * it on the engine too. Names must differ.
     *
     * @param calendar the calendar
     * @return this builder
     * @since 0.6
     */
    public Builder calendar(BusinessCalendar calendar) {
      Objects.requireNonNull(calendar, "calendar");
      if (calendars.putIfAbsent(calendar.name(), calendar) != null) {
        throw new IllegalArgumentException("calendar '" + calendar.name()
            + "' is already registered; names must differ");
      }
      return this;
    }

    /**
     * Gives a queue opening hours on every replication's engine: the registered calendar it
     * follows and what happens to new work that arrives while that calendar is closed (held,
     * sent to another queue, or answered and held), as {@code SwitchboardBuilder.queueHours}.
     * The queue must be configured on the engine; each queue's hours are set once.
     *
     * @param queue the queue
     * @param calendar the name of a calendar registered with {@link #calendar}
     * @param afterHours what to do with new work while the calendar is closed
     * @return this builder
     * @since 0.6
     */
    public Builder queueHours(String queue, String calendar, AfterHours afterHours) {
      Objects.requireNonNull(queue, "queue");
      registered(calendar, "queue '" + queue + "'");
      QueueHours hours = new QueueHours(calendar, afterHours);
      if (queueHours.putIfAbsent(queue, hours) != null) {
        throw new IllegalArgumentException("queue '" + queue + "' already has hours "
            + queueHours.get(queue) + "; each queue's hours are set once");
      }
      return this;
    }

    /**
     * Adds an agent logged in while the registered calendar is open over the run (in its zone,
     * closed on holidays, its exceptions and daylight-saving changes as the calendar has them),
     * and during the given fixed shifts as well; where the two overlap or touch they join. A span
     * still open at the horizon is worked to its end.
     *
     * @param agent the agent
     * @param calendar the name of a calendar registered with {@link #calendar}
     * @param shifts fixed shifts worked besides the calendar's hours; none for its hours only
     * @return this builder
     * @since 0.6
     */
    public Builder agent(Agent agent, String calendar, Shift... shifts) {
      Objects.requireNonNull(agent, "agent");
      registered(calendar, "agent '" + agent.id() + "'");
      agent(agent, shifts);
      agentCalendars.put(agent.id(), calendar);
      return this;
    }

    private void registered(String calendar, String who) {
      Objects.requireNonNull(calendar, "calendar");
      if (!calendars.containsKey(calendar)) {
        throw new IllegalArgumentException(who + " follows calendar '" + calendar
            + "', which is not registered; registered calendars: " + calendars.keySet()
            + " (register it first with calendar(...))");
      }
    }

    /** Adds an agent working the given shifts, or the whole run when none are given. */
    public Builder agent(Agent agent, Shift... shifts) {
      Objects.requireNonNull(agent, "agent");
      SimulationLimits.count("agents", agents.size() + 1L, SimulationLimits.MAX_AGENTS);
      SimulationLimits.count("shifts of agent " + agent.id(), shifts.length,
          SimulationLimits.MAX_SHIFTS);
      List<Shift> sorted = new ArrayList<>(List.of(shifts));
      sorted.sort(java.util.Comparator.comparing(Shift::start));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).start().compareTo(sorted.get(i - 1).end()) < 0) {
          throw new IllegalArgumentException("agent " + agent.id() + " has overlapping shifts "
              + sorted.get(i - 1) + " and " + sorted.get(i));
        }
      }
      agents.add(new Staffed(agent, List.copyOf(sorted)));
      return this;
    }

    /** Adds a stream of arriving work; stream names must differ. */
    public Builder stream(ArrivalStream stream) {
      SimulationLimits.count("streams", streams.size() + 1L, SimulationLimits.MAX_STREAMS);
      if (streamsByName.putIfAbsent(stream.name(), stream) != null) {
        throw new IllegalArgumentException("a stream named '" + stream.name() + "' already exists");
      }
      streams.add(stream);
      return this;
    }

    /**
     * Adds outbound work: a campaign whose contacts the engine blends into its assignees' days
     * until the horizon. Campaign ids must differ. Campaign items are not arrivals: they count in
     * occupancy and in the report's {@link SimulationReport#campaigns()}, not in the service KPIs.
     */
    public Builder campaign(CampaignWorkload campaign) {
      Objects.requireNonNull(campaign, "campaign");
      SimulationLimits.count("campaigns", campaigns.size() + 1L, SimulationLimits.MAX_CAMPAIGNS);
      if (campaigns.putIfAbsent(campaign.campaign().id(), campaign) != null) {
        throw new IllegalArgumentException("a campaign with id '" + campaign.campaign().id()
            + "' already exists");
      }
      return this;
    }

    /**
     * How long work arrives for (required), at most {@link SimulationLimits#MAX_DURATION}. Items
     * still open then are finished, not counted anew.
     */
    public Builder horizon(Duration horizon) {
      this.horizon = SimulationLimits.duration("horizon", positive("horizon", horizon));
      return this;
    }

    /** Items arriving before this are simulated but not counted; zero by default. */
    public Builder warmUp(Duration warmUp) {
      Objects.requireNonNull(warmUp, "warmUp");
      if (warmUp.isNegative()) {
        throw new IllegalArgumentException("warmUp is " + warmUp + "; it must not be negative");
      }
      this.warmUp = warmUp;
      return this;
    }

    /** The T of "answered within T"; 20 seconds by default, at most a year. */
    public Builder serviceLevelThreshold(Duration threshold) {
      Objects.requireNonNull(threshold, "threshold");
      if (threshold.isNegative()) {
        throw new IllegalArgumentException("serviceLevelThreshold must not be negative");
      }
      this.serviceLevelThreshold = SimulationLimits.duration("serviceLevelThreshold", threshold);
      return this;
    }

    /**
     * Independent replications; 10 by default, at most {@link
     * SimulationLimits#MAX_REPLICATIONS}.
     */
    public Builder replications(int replications) {
      if (replications < 1) {
        throw new IllegalArgumentException("replications is " + replications + "; at least 1");
      }
      SimulationLimits.count("replications", replications, SimulationLimits.MAX_REPLICATIONS);
      this.replications = replications;
      return this;
    }

    /** The seed every replication's random numbers derive from; 1 by default. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Chance that a simulated agent lets an offer time out; 0 by default. */
    public Builder missProbability(double p) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("missProbability is " + p + "; allowed: 0 to 1");
      }
      this.missProbability = p;
      return this;
    }

    /** How long a simulated agent takes to accept an offer; zero by default. */
    public Builder acceptDelay(Distribution delay) {
      this.acceptDelay = Objects.requireNonNull(delay, "delay");
      return this;
    }

    /** Builds the simulation. */
    public Simulation build() {
      if (horizon == null) {
        throw new IllegalStateException("horizon is not set");
      }
      if (streams.isEmpty()) {
        throw new IllegalStateException("no arrival stream: add one with stream(...)");
      }
      if (agents.isEmpty()) {
        throw new IllegalStateException("no agents: add one with agent(...)");
      }
      if (warmUp.compareTo(horizon) >= 0) {
        throw new IllegalStateException("warmUp " + warmUp + " leaves nothing of horizon " + horizon);
      }
      if (occupancyPeriod != null) {
        SimulationLimits.count("occupancy periods", horizon.toNanos() / occupancyPeriod.toNanos()
            - warmUp.toNanos() / occupancyPeriod.toNanos() + 1, SimulationLimits.MAX_RATE_PERIODS);
      }
      resolvedInterval = Replication.Intervals.length(intervalLength, warmUp, horizon, streams);
      if (dialer != null && streamsByName.containsKey(dialer.name())) {
        throw new IllegalArgumentException("dialer '" + dialer.name()
            + "' has the name of a stream; names must differ");
      }
      if (randomGroupSelection) {
        Map<String, Map<String, Integer>> skillsByQueue = new LinkedHashMap<>();
        for (ArrivalStream s : streams) {
          Map<String, Integer> before = skillsByQueue.putIfAbsent(s.queue(), s.requiredSkills());
          if (before != null && !before.equals(s.requiredSkills())) {
            throw new IllegalArgumentException("with random group selection, streams sharing"
                + " queue '" + s.queue() + "' must require the same skills; stream '"
                + s.name() + "' requires " + s.requiredSkills() + ", another " + before);
          }
        }
      }
      Simulation sim = new Simulation(this);
      checkAgainstEngine(sim.engineWithQueues());
      return sim;
    }

    /**
     * Adds every agent and one item of every stream to a scratch engine, so that an unknown
     * skill, channel or queue fails here, naming the agent or stream, rather than mid-run.
     */
    private void checkAgainstEngine(UnaryOperator<SwitchboardBuilder> engine) {
      ManualSwitchboard probe = engine.apply(Switchboard.builder())
          .clock(new ManualClock(Instant.EPOCH)).buildManual();
      for (Staffed s : agents) {
        check(probe, probe.addAgent(s.agent()), "agent '" + s.agent().id() + "'");
      }
      for (ArrivalStream stream : streams) {
        WorkItem.Builder item = WorkItem.builder(stream.name() + "-probe", stream.channel())
            .customer("probe").queue(stream.queue());
        stream.requiredSkills().forEach(item::requireSkill);
        check(probe, probe.submit(item.build()), "stream '" + stream.name() + "'");
      }
      if (dialer != null) {
        WorkItem.Builder item = WorkItem.builder(dialer.name() + "-probe", dialer.channel())
            .customer("probe").queue(dialer.queue());
        dialer.requiredSkills().forEach(item::requireSkill);
        check(probe, probe.submit(item.build()), "dialer '" + dialer.name() + "'");
      }
      for (CampaignWorkload c : campaigns.values()) {
        String what = "campaign '" + c.campaign().id() + "'";
        check(probe, probe.supervisor().addCampaign(c.campaign()), what);
        for (var a : c.assignments()) {
          check(probe, probe.supervisor().assignCampaign(a), what);
        }
      }
      probe.close();
    }

    private static void check(ManualSwitchboard probe, CompletionStage<Void> stage, String what) {
      probe.drain();
      try {
        stage.toCompletableFuture().join();
      } catch (CompletionException e) {
        throw new IllegalArgumentException(what + ": " + e.getCause().getMessage(), e.getCause());
      }
    }

    /** A count of lines or places from 1 to ten per agent allowed. */
    private static int lines(String field, int n) {
      if (n < 1 || n > SimulationLimits.MAX_AGENTS * 10) {
        throw new IllegalArgumentException(field + " is " + n + "; allowed: 1 to "
            + SimulationLimits.MAX_AGENTS * 10);
      }
      return n;
    }

    private static Duration positive(String field, Duration d) {
      Objects.requireNonNull(d, field);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(field + " is " + d + "; it must be positive");
      }
      return d;
    }
  }
}
