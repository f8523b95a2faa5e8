package dev.switchboard.sim;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.OfferRejected;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.sla.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * One independent run of a {@link Simulation}: the event loop around a manual engine.
 *
 * <p>Random numbers come from separate streams: one per arrival stream (arrival times, handle
 * times, patience, follow-ups) and one for agents' behaviour (missed offers, accept delays). Two
 * simulations that differ only in routing therefore see the same customers with the same work.
 */
final class Replication {

  private static final long SECOND = 1_000_000_000L;
  /** A century: the longest delay one sample may put on the virtual clock. */
  private static final double MAX_SAMPLE_SECONDS = 100 * 365 * 86_400.0;
  /** How long a simulated agent set away for missed offers stays away. */
  private static final long AWAY_AFTER_MISSES = 60 * SECOND;

  private static final long DAY = 86_400 * SECOND;
  /** The attribute a retrial carries: the id of the abandoned item it calls back for. */
  static final String RETRIAL_OF = "retrialOf";

  private enum Kind { ARRIVAL, ACCEPT, COMPLETE, ABANDON, LOG_IN, LOG_OUT, RETURN, FOLLOW_UP,
    CAMPAIGNS_END, RETRIAL, BALK, CLOSE, DIAL }

  /** Why the simulator asked the engine to abandon an item. */
  private enum Leaving { NO, ABANDON, BALK, DISCONNECT }

  /** What the replication tracks per item. */
  private static final class Rec {
    final int stream;
    final long arrival;
    final long handle;
    final boolean counted;
    boolean routed;
    boolean waited;
    boolean answered;
    boolean breached;
    long assignedAt;
    String conversation;
    boolean retrial;
    /** Holds a trunk line; waits in the waiting room (inbound, not yet assigned). */
    boolean inSystem;
    boolean waiting;
    Leaving leaving = Leaving.NO;
    /** The agent the item is offered to, until the offer ends. */
    String offeredTo;

    Rec(int stream, long arrival, long handle, boolean counted) {
      this.stream = stream;
      this.arrival = arrival;
      this.handle = handle;
      this.counted = counted;
    }
  }

  /** Per agent: whether on shift, items in hand, when it last went from none to some, time. */
  private static final class AgentClock {
    final Agent agent;
    boolean onShift;
    boolean available;
    /** Offers made to the agent and not yet accepted, timed out or withdrawn. */
    int pending;
    int holding;
    long busySince;
    long busy;
    long staffed;
    /** When the agent last came on shift, for the time on shift per report interval. */
    long onShiftSince;
    /** Busy and staffed time per occupancy period; empty without periods. */
    final long[] busyByPeriod;
    final long[] staffedByPeriod;

    AgentClock(Agent agent, int periods) {
      this.agent = agent;
      this.busyByPeriod = new long[periods];
      this.staffedByPeriod = new long[periods];
    }

    /** On shift, available and with room for one more item on the channel. */
    boolean free(Channel channel) {
      int load = holding + pending;
      return onShift && available && load < agent.capacityOn(channel)
          && load < agent.effectiveTotalCapacity();
    }

    /** Has the channel and the skills at the levels. */
    boolean mayTake(Channel channel, Map<String, Integer> skills) {
      if (agent.capacityOn(channel) == 0) {
        return false;
      }
      for (Map.Entry<String, Integer> e : skills.entrySet()) {
        if (agent.level(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return true;
    }
  }

  private final Simulation sim;
  private final int number;
  private final SplittableRandom[] streamRandom;
  /** Each stream's highest period rate per hour, the thinning bound, worked out once. */
  private final double[] maxRate;
  private final SplittableRandom agentRandom;
  /** Handle times of campaign contacts, apart from the inbound streams' randomness. */
  private final SplittableRandom campaignRandom;
  /** The instant of offset zero: the simulation's start. */
  private final Instant origin;
  private final SimClock clock;
  private final ManualSwitchboard engine;
  private final Supplier<EngineSnapshot> snapshots;
  private final EventQueue<Kind> events = new EventQueue<>();
  private final List<RoutingEvent> inbox = new ArrayList<>();
  private final Map<String, Rec> items = new HashMap<>();
  /** Conversation id (the first item's id) to its stream, for streams with follow-ups. */
  private final Map<String, Integer> conversations = new HashMap<>();
  private final int[] counters;
  private final long horizon;
  private final long warmUp;
  private final long threshold;
  private final Counts overall = new Counts();
  private final Counts[] byStream;
  private final Map<String, AgentClock> agentClocks = new LinkedHashMap<>();
  private final Intervals intervals;
  private long now;
  private long arrivals;
  /** The engine's affinity measures when counting began (the end of the warm-up). */
  private AffinityMeasures affinityAtWarmUp;
  /** The engine's campaign report at the end of the warm-up, at the horizon; null without. */
  private CampaignReport campaignsAtWarmUp;
  private CampaignReport campaignsAtHorizon;
  /** Campaign id to its index in the simulation's campaigns. */
  private final Map<String, Integer> campaignIndex = new HashMap<>();
  /** The day-level busyness factors, one per 24 hours from the start; null without. */
  private final double[] busyness;
  /** Team choices (random group selection) and the dialer's calls, each its own stream. */
  private final SplittableRandom groupRandom;
  private final SplittableRandom dialerRandom;
  /** Index of the dialer's reached calls in {@code byStream}: after the streams. */
  private final int dialerIndex;
  /** Per stream, per team, the team's agents who may take the stream's items. */
  private final List<List<List<AgentClock>>> teamsByStream = new ArrayList<>();
  private final List<String> teamNames = new ArrayList<>();
  private final List<AgentClock> dialerAgents = new ArrayList<>();
  private final List<AgentClock> dialerChannelAgents = new ArrayList<>();
  private final int periods;
  private int onShift;
  private int inSystem;
  private int waiting;
  private int dialed;
  private boolean dialTrigger;

  Replication(Simulation sim, long seed, int number) {
    this.sim = sim;
    this.number = number;
    this.origin = sim.start;
    this.clock = new SimClock(origin);
    SplittableRandom root = new SplittableRandom(seed);
    this.streamRandom = new SplittableRandom[sim.streams.size()];
    this.maxRate = new double[sim.streams.size()];
    for (int i = 0; i < streamRandom.length; i++) {
      streamRandom[i] = root.split();
      maxRate[i] = sim.streams.get(i).maxRate();
    }
    this.agentRandom = root.split();
    this.campaignRandom = root.split();
    this.groupRandom = root.split();
    this.dialerRandom = root.split();
    if (sim.busynessShape > 0) {
      SplittableRandom busy = root.split();
      this.busyness = new double[(int) (sim.horizon.toNanos() / DAY) + 1];
      for (int d = 0; d < busyness.length; d++) {
        busyness[d] = Distribution.Gamma.standard(sim.busynessShape, busy) / sim.busynessShape;
      }
    } else {
      this.busyness = null;
    }
    this.dialerIndex = sim.streams.size();
    this.periods = occupancyPeriods(sim).size();
    this.horizon = sim.horizon.toNanos();
    this.warmUp = sim.warmUp.toNanos();
    this.threshold = sim.serviceLevelThreshold.toNanos();
    this.counters = new int[sim.streams.size()];
    this.intervals = new Intervals(sim);
    this.byStream = new Counts[sim.streams.size() + (sim.dialer == null ? 0 : 1)];
    for (int i = 0; i < byStream.length; i++) {
      byStream[i] = new Counts();
    }
    this.engine = sim.engineWithQueues().apply(Switchboard.builder()).clock(clock)
        .listener(inbox::add)
        .listener(sim.observer::onEvent).buildManual();
    this.snapshots = () -> {
      var stage = engine.snapshot();
      engine.drain();
      return stage.toCompletableFuture().join();
    };
  }

  Result run() {
    for (Simulation.Staffed s : sim.agents) {
      String id = s.agent().id();
      engine.addAgent(s.agent());
      AgentClock time = new AgentClock(s.agent(), periods);
      agentClocks.put(id, time);
      if (s.wholeRun()) {
        schedule(0, Kind.LOG_IN, 0, null, id);
        time.staffed += overlap(0, horizon);
        byPeriod(time.staffedByPeriod, 0, horizon);
      }
      for (Shift shift : s.shifts()) {
        long from = shift.start().toNanos();
        long to = shift.end().toNanos();
        schedule(from, Kind.LOG_IN, 0, null, id);
        schedule(to, Kind.LOG_OUT, 0, null, id);
        time.staffed += overlap(from, to);
        byPeriod(time.staffedByPeriod, from, to);
      }
    }
    groupsAndDialerAgents();
    for (int i = 0; i < sim.streams.size(); i++) {
      scheduleArrival(i, 0);
    }
    if (sim.dialer != null) {
      schedule(sim.dialer.start().toNanos(), Kind.DIAL, 0, null, null);
    }
    startCampaigns();
    sim.observer.onStart(number);
    engine.drain();
    while (true) {
      long next = events.isEmpty() ? Long.MAX_VALUE : events.peekAt();
      Optional<Instant> due = engine.nextDeadline();
      long deadline = due.isPresent() ? sinceStart(due.get()) : Long.MAX_VALUE;
      long t = Math.min(next, deadline);
      if (t == Long.MAX_VALUE) {
        break;
      }
      if (affinityAtWarmUp == null && t >= warmUp) {
        affinityAtWarmUp = affinityMeasures();
        if (!sim.campaigns.isEmpty()) {
          campaignsAtWarmUp = campaignReport();
        }
      }
      if (t > now) {
        Instant to = origin.plusNanos(t);
        sim.observer.onAdvance(clock.now, to, snapshots);
        now = t;
        clock.now = to;
      }
      while (!events.isEmpty() && events.peekAt() <= now) {
        events.poll();
        handle();
      }
      engine.drain();
      readInbox();
      if (dialTrigger) {
        dialTrigger = false;
        if (now >= sim.dialer.start().toNanos() && now < sim.dialer.end().toNanos()) {
          dial();
          engine.drain();
          readInbox();
        }
      }
    }
    // items nobody ever took (waiting for a skill no one on shift has, say) still count
    for (Rec r : items.values()) {
      if (r.counted && !r.answered) {
        tally(r, Counts::unanswered);
      }
    }
    for (AgentClock a : agentClocks.values()) {
      if (a.onShift) {
        intervals.onShift(a.onShiftSince, horizon);
      }
    }
    sim.observer.onFinish(number, origin.plusNanos(now), snapshots);
    AffinityMeasures end = affinityMeasures();
    AffinityMeasures start = affinityAtWarmUp == null ? end : affinityAtWarmUp;
    long answered = end.answered() - start.answered();
    long hits = end.ownAgentHits() + end.recentAgentHits() - start.ownAgentHits()
        - start.recentAgentHits();
    double waitSeconds = end.affinityWait().minus(start.affinityWait()).toNanos() / 1e9;
    return new Result(arrivals, overall, byStream, sim, agentClocks,
        answered == 0 ? Double.NaN : (double) hits / answered,
        answered == 0 ? Double.NaN : waitSeconds / answered, campaignResults(), intervals);
  }

  /** Adds every campaign with its contacts and assignments; they end at the horizon. */
  private void startCampaigns() {
    if (sim.campaigns.isEmpty()) {
      return;
    }
    for (int c = 0; c < sim.campaigns.size(); c++) {
      CampaignWorkload w = sim.campaigns.get(c);
      String id = w.campaign().id();
      campaignIndex.put(id, c);
      engine.supervisor().addCampaign(w.campaign());
      List<CampaignContact> contacts = new ArrayList<>(w.contacts());
      for (int k = 1; k <= w.contacts(); k++) {
        contacts.add(CampaignContact.of("k" + k, id + "-customer-" + k));
      }
      engine.supervisor().addContacts(id, contacts);
      w.assignments().forEach(engine.supervisor()::assignCampaign);
    }
    schedule(horizon, Kind.CAMPAIGNS_END, 0, null, null);
  }

  /** At the horizon: measures what pacing achieved, then takes everyone off the campaigns. */
  private void endCampaigns() {
    campaignsAtHorizon = campaignReport();
    for (CampaignWorkload w : sim.campaigns) {
      for (CampaignAssignment a : w.assignments()) {
        engine.supervisor().unassignCampaign(a.campaignId(), a.assignee());
      }
    }
  }

  /** Per campaign: share achieved at the horizon, contacts handled after warm-up, pending. */
  private double[][] campaignResults() {
    if (sim.campaigns.isEmpty()) {
      return new double[0][];
    }
    CampaignReport end = campaignReport();
    CampaignReport start = campaignsAtWarmUp == null ? end : campaignsAtWarmUp;
    CampaignReport atHorizon = campaignsAtHorizon == null ? end : campaignsAtHorizon;
    double[][] out = new double[sim.campaigns.size()][];
    for (int c = 0; c < out.length; c++) {
      String id = sim.campaigns.get(c).campaign().id();
      long campaignTime = 0;
      long busyTime = 0;
      for (CampaignReport.Share share : atHorizon.shares()) {
        if (share.campaignId().equals(id)) {
          campaignTime += share.campaignTime().toNanos();
          busyTime += share.busyTime().toNanos();
        }
      }
      CampaignReport.Progress last = end.campaign(id).orElseThrow();
      long before = start.campaign(id).map(CampaignReport.Progress::finished).orElse(0L);
      out[c] = new double[] {busyTime == 0 ? Double.NaN : (double) campaignTime / busyTime,
          last.finished() - before, last.pending()};
    }
    return out;
  }

  private CampaignReport campaignReport() {
    var stage = engine.supervisor().campaignReport();
    engine.drain();
    return stage.toCompletableFuture().join();
  }

  private AffinityMeasures affinityMeasures() {
    var stage = engine.supervisor().affinityMeasures();
    engine.drain();
    return stage.toCompletableFuture().join();
  }

  /** Handles the event just polled from the queue. */
  private void handle() {
    EventQueue<Kind> e = events;
    switch (e.kind()) {
      case ARRIVAL -> arrive(e.index());
      case ACCEPT -> engine.accept(e.agentId(), e.itemId());
      case COMPLETE -> engine.complete(e.agentId(), e.itemId(), Outcome.RESOLVED);
      case ABANDON -> leave(e.itemId(), Leaving.ABANDON);
      case BALK -> leave(e.itemId(), Leaving.BALK);
      case LOG_IN -> {
        AgentClock a = agentClocks.get(e.agentId());
        if (!a.onShift) {
          onShift++;
          a.onShiftSince = now;
        }
        a.onShift = true;
        engine.setPresence(e.agentId(), Presence.AVAILABLE);
      }
      case LOG_OUT -> {
        AgentClock a = agentClocks.get(e.agentId());
        if (a.onShift) {
          onShift--;
          intervals.onShift(a.onShiftSince, now);
        }
        a.onShift = false;
        engine.setPresence(e.agentId(), Presence.OFFLINE);
        if (sim.disconnectAtClose && onShift == 0) {
          // after whatever else happens now: a shift starting at this instant keeps it open
          schedule(now, Kind.CLOSE, 0, null, null);
        }
      }
      case CLOSE -> {
        if (onShift == 0) {
          List<String> waitingIds = new ArrayList<>();
          items.forEach((id, r) -> {
            if (r.inSystem && !r.answered) {
              waitingIds.add(id);
            }
          });
          waitingIds.sort(null);
          waitingIds.forEach(id -> leave(id, Leaving.DISCONNECT));
        }
      }
      case RETRIAL -> call(e.index(), e.itemId());
      case DIAL -> dialTrigger = true;
      case RETURN -> {
        if (agentClocks.get(e.agentId()).onShift) {
          engine.setPresence(e.agentId(), Presence.AVAILABLE);
        }
      }
      case FOLLOW_UP -> engine.followUp(e.itemId(), Map.of());
      case CAMPAIGNS_END -> endCampaigns();
    }
  }

  private void arrive(int s) {
    call(s, null);
    scheduleArrival(s, now);
  }

  /** A call of stream {@code s}: a fresh arrival, or a retrial of the abandoned item given. */
  private void call(int s, String retrialOf) {
    ArrivalStream stream = sim.streams.get(s);
    String id = stream.name() + "-" + (++counters[s]);
    Rec rec = track(id, s);
    rec.retrial = retrialOf != null;
    String customer = stream.customers() == 0 ? id
        : "customer-" + (1 + streamRandom[s].nextInt(stream.customers()));
    if (!admit(id, rec)) {
      return;
    }
    // created now, as the engine would stamp it: stamped here, the engine keeps the item as it is
    // instead of making a checked copy of every one
    WorkItem.Builder b = WorkItem.builder(id, stream.channel()).customer(customer)
        .queue(stream.queue()).createdAt(clock.now);
    stream.requiredSkills().forEach(b::requireSkill);
    stream.slaTarget().ifPresent(b::slaTarget);
    if (stream.followUpProbability() > 0) {
      b.conversation(id);
      conversations.put(id, s);
      rec.conversation = id;
    }
    if (retrialOf != null) {
      b.attribute(RETRIAL_OF, retrialOf);
    }
    if (sim.randomGroupSelection) {
      String team = chooseTeam(s);
      if (team != null) {
        b.attribute(Simulation.GROUP_ATTRIBUTE, team);
      }
    }
    engine.submit(b.build());
  }

  /**
   * Whether a new inbound call gets in: not while the centre is closed (with end of day), not
   * without a free trunk line, not into a full waiting room. A call refused is counted at once.
   */
  private boolean admit(String id, Rec rec) {
    boolean closed = sim.disconnectAtClose && onShift == 0;
    boolean blocked = (sim.trunks > 0 && inSystem >= sim.trunks)
        || (sim.maxWaiting > 0 && waiting >= sim.maxWaiting);
    if (closed || blocked) {
      items.remove(id);
      rec.routed = true;
      if (rec.counted) {
        tally(rec, closed ? Counts::disconnected : Counts::blocked);
      }
      return false;
    }
    rec.inSystem = true;
    rec.waiting = true;
    inSystem++;
    waiting++;
    return true;
  }

  /** One of the teams with a free agent who may take stream {@code s}'s call, uniformly. */
  private String chooseTeam(int s) {
    Channel channel = sim.streams.get(s).channel();
    List<List<AgentClock>> teams = teamsByStream.get(s);
    int[] candidates = new int[teams.size()];
    int n = 0;
    for (int t = 0; t < teams.size(); t++) {
      for (AgentClock a : teams.get(t)) {
        if (a.free(channel)) {
          candidates[n++] = t;
          break;
        }
      }
    }
    if (n == 0) {
      return null;
    }
    return teamNames.get(candidates[n == 1 ? 0 : groupRandom.nextInt(n)]);
  }

  /** Works out, once, the teams per stream and the agents the dialer counts. */
  private void groupsAndDialerAgents() {
    if (sim.randomGroupSelection) {
      Map<String, Integer> teamIndex = new LinkedHashMap<>();
      for (AgentClock a : agentClocks.values()) {
        a.agent.team().ifPresent(t -> {
          if (teamIndex.putIfAbsent(t, teamNames.size()) == null) {
            teamNames.add(t);
          }
        });
      }
      for (ArrivalStream stream : sim.streams) {
        List<List<AgentClock>> teams = new ArrayList<>();
        for (int t = 0; t < teamNames.size(); t++) {
          teams.add(new ArrayList<>());
        }
        for (AgentClock a : agentClocks.values()) {
          if (a.agent.team().isPresent()
              && a.mayTake(stream.channel(), stream.requiredSkills())) {
            teams.get(teamIndex.get(a.agent.team().get())).add(a);
          }
        }
        teamsByStream.add(teams); // a team none of whom may take the call is never free
      }
    }
    if (sim.dialer != null) {
      for (AgentClock a : agentClocks.values()) {
        if (a.agent.capacityOn(sim.dialer.channel()) > 0) {
          dialerChannelAgents.add(a);
          if (a.mayTake(sim.dialer.channel(), sim.dialer.requiredSkills())) {
            dialerAgents.add(a);
          }
        }
      }
    }
  }

  /**
   * The dialer's decision: with enough free agents, a number of calls per free dialer agent,
   * each reaching the right party with the period's probability. A reached party is an item of
   * the dialer's queue, which hangs up after the dialer's patience if no agent takes it.
   */
  private void dial() {
    Dialer d = sim.dialer;
    int freeAny = 0;
    for (AgentClock a : dialerChannelAgents) {
      freeAny += a.free(d.channel()) ? 1 : 0;
    }
    int freeDialer = 0;
    for (AgentClock a : dialerAgents) {
      freeDialer += a.free(d.channel()) ? 1 : 0;
    }
    if (freeAny < d.minFreeAgents() || freeDialer < d.minFreeDialerAgents()) {
      return;
    }
    boolean counted = now >= warmUp && now < horizon;
    double p = d.rightPartyAt(now);
    for (int i = freeDialer * d.callsPerFreeAgent(); i > 0; i--) {
      if (sim.trunks > 0 && inSystem >= sim.trunks) {
        return; // no line to dial on
      }
      if (counted) {
        byStream[dialerIndex].tried++;
      }
      if (dialerRandom.nextDouble() >= p) {
        continue;
      }
      String id = d.name() + "-" + (++dialed);
      Rec r = new Rec(dialerIndex, now, seconds(d.handleTime().sampleSeconds(dialerRandom)),
          counted);
      r.inSystem = true;
      inSystem++;
      items.put(id, r);
      arrivals++;
      schedule(now + seconds(d.patience().sampleSeconds(dialerRandom)), Kind.ABANDON,
          dialerIndex, id, null);
      WorkItem.Builder b = WorkItem.builder(id, d.channel()).customer(id).queue(d.queue())
          .createdAt(clock.now);
      d.requiredSkills().forEach(b::requireSkill);
      engine.submit(b.build());
    }
  }

  /** Asks the engine to abandon a waiting item, remembering why; ignored once it is taken. */
  private void leave(String id, Leaving why) {
    Rec r = items.get(id);
    if (r != null && !r.answered && r.leaving == Leaving.NO) {
      r.leaving = why;
      engine.abandon(id);
    }
  }

  /**
   * Counts an outcome in the item's stream and, for inbound work, overall and in the interval
   * it arrived in, overall and for its queue.
   */
  private void tally(Rec r, java.util.function.BiConsumer<Counts, Rec> outcome) {
    if (r.stream < dialerIndex) {
      outcome.accept(overall, r);
      outcome.accept(intervals.all(r.arrival), r);
      outcome.accept(intervals.queue(r.stream, r.arrival), r);
    }
    outcome.accept(byStream[r.stream], r);
  }

  /** An offer to the item ends (accepted, timed out, rejected, withdrawn). */
  private void endOffer(Rec r) {
    if (r != null && r.offeredTo != null) {
      agentClocks.get(r.offeredTo).pending--;
      r.offeredTo = null;
    }
  }

  /** The item no longer waits; with {@code done}, it no longer holds a line either. */
  private void release(Rec r, boolean done) {
    if (r.waiting) {
      r.waiting = false;
      waiting--;
    }
    if (done && r.inSystem) {
      r.inSystem = false;
      inSystem--;
    }
  }

  /** Starts tracking a new item of stream {@code s} arriving now: handle time and patience. */
  private Rec track(String id, int s) {
    ArrivalStream stream = sim.streams.get(s);
    SplittableRandom random = streamRandom[s];
    long handle = seconds(stream.handleTime().sampleSeconds(random));
    Rec rec = new Rec(s, now, handle, now >= warmUp && now < horizon);
    items.put(id, rec);
    arrivals++;
    stream.patience().ifPresent(p -> schedule(now + seconds(p.sampleSeconds(random)), Kind.ABANDON,
        s, id, null));
    return rec;
  }

  /** Next Poisson arrival after {@code from}, by thinning against the highest period rate. */
  private void scheduleArrival(int s, long from) {
    ArrivalStream stream = sim.streams.get(s);
    SplittableRandom random = streamRandom[s];
    double max = maxRate[s];
    if (max <= 0) {
      return;
    }
    long t = from;
    while (true) {
      if (busyness != null) {
        // the day's factor scales the bound; a gap crossing midnight restarts there (memoryless)
        long day = t / DAY;
        long next = t + seconds(-Math.log(1 - random.nextDouble()) * 3600.0
            / (max * busyness[(int) day]));
        if (next >= (day + 1) * DAY) {
          t = (day + 1) * DAY;
          if (t >= horizon) {
            return;
          }
          continue;
        }
        t = next;
      } else {
        t += seconds(-Math.log(1 - random.nextDouble()) * 3600.0 / max);
      }
      if (t >= horizon) {
        return;
      }
      if (random.nextDouble() * max < stream.rateAt(Duration.ofNanos(t))) {
        schedule(t, Kind.ARRIVAL, s, null, null);
        return;
      }
    }
  }

  private void readInbox() {
    for (int i = 0; i < inbox.size(); i++) {
      RoutingEvent e = inbox.get(i);
      if (e instanceof ItemSubmitted s && !items.containsKey(s.item().id())
          && s.item().attributes().get("campaign") instanceof String campaign
          && campaignIndex.containsKey(campaign)) {
        // the engine blended a campaign contact in: outbound work, not an arrival
        CampaignWorkload w = sim.campaigns.get(campaignIndex.get(campaign));
        items.put(s.item().id(), new Rec(-1, now,
            seconds(w.handleTime().sampleSeconds(campaignRandom)), false));
      } else if (e instanceof ItemSubmitted s && !items.containsKey(s.item().id())) {
        // the engine turned a follow-up into a new item of the conversation
        String conversation = s.item().conversationId().orElseThrow();
        track(s.item().id(), conversations.get(conversation)).conversation = conversation;
      } else if (e instanceof SlaBreached b && b.clock() == SlaClock.FIRST_RESPONSE) {
        // the simulator's SLA is time to answer; a policy's resolution clock is not it
        Rec r = items.get(b.itemId());
        if (r != null) {
          r.breached = true;
        }
      } else if (e instanceof ItemQueued q) {
        Rec r = items.get(q.itemId());
        if (r != null && !r.routed && r.stream >= 0 && r.stream < dialerIndex
            && sim.streams.get(r.stream).balkProbability() > 0
            && streamRandom[r.stream].nextDouble() < sim.streams.get(r.stream).balkProbability()) {
          schedule(now, Kind.BALK, r.stream, q.itemId(), null); // the caller hangs up at once
        }
        firstRouting(q.itemId(), true);
      } else if (e instanceof ItemOffered o) {
        firstRouting(o.itemId(), false);
        Rec offered = items.get(o.itemId());
        if (offered != null && agentClocks.containsKey(o.agentId())) {
          endOffer(offered);
          offered.offeredTo = o.agentId();
          agentClocks.get(o.agentId()).pending++;
        }
        if (agentRandom.nextDouble() >= sim.missProbability) {
          schedule(now + seconds(sim.acceptDelay.sampleSeconds(agentRandom)), Kind.ACCEPT, 0,
              o.itemId(), o.agentId());
        }
      } else if (e instanceof ItemAssigned a) {
        firstRouting(a.itemId(), false);
        Rec r = items.get(a.itemId());
        r.answered = true;
        r.assignedAt = now;
        endOffer(r);
        release(r, false);
        AgentClock agent = agentClocks.get(a.agentId());
        if (agent.holding++ == 0) {
          agent.busySince = now;
        }
        schedule(now + r.handle, Kind.COMPLETE, 0, a.itemId(), a.agentId());
      } else if (e instanceof ItemCompleted c) {
        Rec r = items.remove(c.itemId());
        AgentClock agent = agentClocks.get(c.agentId());
        if (--agent.holding == 0) {
          agent.busy += overlap(agent.busySince, now);
          byPeriod(agent.busyByPeriod, agent.busySince, now);
          intervals.busy(agent.busySince, now);
        }
        release(r, true);
        dialTrigger = sim.dialer != null;
        if (r.counted) {
          tally(r, (counts, rec) -> counts.answered(rec, threshold, now));
        }
        boolean inbound = r.stream >= 0 && r.stream < dialerIndex;
        ArrivalStream stream = inbound ? sim.streams.get(r.stream) : null;
        SplittableRandom random = inbound ? streamRandom[r.stream] : null;
        if (inbound && r.conversation != null
            && random.nextDouble() < stream.followUpProbability()) {
          schedule(now + seconds(stream.followUpDelay().sampleSeconds(random)), Kind.FOLLOW_UP,
              r.stream, r.conversation, null);
        }
      } else if (e instanceof ItemCancelled c) {
        // a campaign item whose offer was missed: the engine hands its contact back
        endOffer(items.remove(c.itemId()));
      } else if (e instanceof ItemAbandoned a) {
        Rec r = items.remove(a.itemId());
        endOffer(r);
        release(r, true);
        Leaving why = r.leaving;
        if (r.counted) {
          tally(r, (counts, rec) -> {
            switch (why) {
              case BALK -> counts.balked(rec);
              case DISCONNECT -> counts.disconnected(rec, threshold, now);
              default -> counts.abandoned(rec, threshold, now);
            }
          });
        }
        if ((why == Leaving.ABANDON || why == Leaving.NO) && r.stream >= 0
            && r.stream < dialerIndex) {
          ArrivalStream stream = sim.streams.get(r.stream);
          if (stream.retrialProbability() > 0
              && streamRandom[r.stream].nextDouble() < stream.retrialProbability()) {
            schedule(now + seconds(stream.retrialDelay().sampleSeconds(streamRandom[r.stream])),
                Kind.RETRIAL, r.stream, a.itemId(), null);
          }
        }
      } else if (e instanceof OfferTimedOut t) {
        endOffer(items.get(t.itemId()));
        dialTrigger = sim.dialer != null;
      } else if (e instanceof OfferRejected t) {
        endOffer(items.get(t.itemId()));
        dialTrigger = sim.dialer != null;
      } else if (e instanceof PresenceChanged p) {
        AgentClock a = agentClocks.get(p.agentId());
        if (a != null) {
          a.available = p.to().status() == Presence.Status.AVAILABLE;
          dialTrigger |= a.available && sim.dialer != null;
        }
        if (Presence.MISSED_OFFERS.equals(p.to().activity())) {
          schedule(now + AWAY_AFTER_MISSES, Kind.RETURN, 0, null, p.agentId());
        }
      }
    }
    inbox.clear();
  }

  /** The item's first routing decision says whether it waited: queued, or offered at once. */
  private void firstRouting(String itemId, boolean queued) {
    Rec r = items.get(itemId);
    if (r != null && !r.routed) {
      r.routed = true;
      r.waited = queued;
    }
  }

  /** Nanoseconds from the start to {@code t}, without the boxes of a {@code Duration}. */
  private long sinceStart(Instant t) {
    return (t.getEpochSecond() - origin.getEpochSecond()) * SECOND + t.getNano()
        - origin.getNano();
  }

  /** Adds the time from {@code from} to {@code to} in the counted window to its periods. */
  private void byPeriod(long[] buckets, long from, long to) {
    if (buckets.length > 0) {
      Periods.spread(buckets, from, to, warmUp, horizon, sim.occupancyPeriod.toNanos());
    }
  }

  private long overlap(long from, long to) {
    return Math.max(0, Math.min(to, horizon) - Math.max(from, warmUp));
  }

  private void schedule(long at, Kind kind, int index, String itemId, String agentId) {
    events.add(at, kind, index, itemId, agentId);
  }

  /**
   * Nanoseconds of {@code s} seconds. A sample from a long tail (a lognormal with a spread far
   * over its mean) can exceed any inputs' limit; it is capped at a century, so adding it to the
   * virtual clock cannot overflow into the past.
   */
  private static long seconds(double s) {
    return Math.round(Math.min(s, MAX_SAMPLE_SECONDS) * SECOND);
  }

  /** Tallies of one population in one replication. */
  static final class Counts {
    long arrivals;
    long answered;
    long answeredWithin;
    long abandoned;
    long abandonedWithin;
    long unanswered;
    long waited;
    long breached;
    long retrials;
    long balked;
    long blocked;
    long disconnected;
    long notInTarget;
    long tried;
    double waitSeconds;
    double handleSeconds;

    void answered(Rec r, long threshold, long completedAt) {
      arrive(r);
      answered++;
      long wait = r.assignedAt - r.arrival;
      if (wait <= threshold) {
        answeredWithin++;
      }
      if (wait >= threshold) {
        notInTarget++;
      }
      waitSeconds += wait / 1e9;
      handleSeconds += (completedAt - r.assignedAt) / 1e9;
    }

    void abandoned(Rec r, long threshold, long at) {
      arrive(r);
      abandoned++;
      if (at - r.arrival <= threshold) {
        abandonedWithin++;
      }
      waitedOut(r, threshold, at);
    }

    void balked(Rec r) {
      arrive(r);
      balked++;
    }

    void blocked(Rec r) {
      arrive(r);
      blocked++;
    }

    void disconnected(Rec r) {
      arrive(r);
      disconnected++;
    }

    void disconnected(Rec r, long threshold, long at) {
      disconnected(r);
      waitedOut(r, threshold, at);
    }

    private void waitedOut(Rec r, long threshold, long at) {
      if (at - r.arrival >= threshold) {
        notInTarget++;
      }
    }

    void unanswered(Rec r) {
      arrive(r);
      unanswered++;
    }

    private void arrive(Rec r) {
      arrivals++;
      if (r.retrial) {
        retrials++;
      }
      if (r.waited || !r.routed) {
        waited++;
      }
      if (r.breached) {
        breached++;
      }
    }

    void add(Counts o) {
      arrivals += o.arrivals;
      answered += o.answered;
      answeredWithin += o.answeredWithin;
      abandoned += o.abandoned;
      abandonedWithin += o.abandonedWithin;
      unanswered += o.unanswered;
      waited += o.waited;
      breached += o.breached;
      waitSeconds += o.waitSeconds;
      handleSeconds += o.handleSeconds;
      retrials += o.retrials;
      balked += o.balked;
      blocked += o.blocked;
      disconnected += o.disconnected;
      notInTarget += o.notInTarget;
      tried += o.tried;
    }

    double serviceLevel() {
      long base = arrivals - abandonedWithin;
      return base == 0 ? Double.NaN : (double) answeredWithin / base;
    }

    double probabilityOfWait() {
      return rate(waited);
    }

    double asa() {
      return answered == 0 ? Double.NaN : waitSeconds / answered;
    }

    double aht() {
      return answered == 0 ? Double.NaN : handleSeconds / answered;
    }

    double abandonmentRate() {
      return rate(abandoned);
    }

    double unansweredRate() {
      return rate(unanswered);
    }

    double slaBreachRate() {
      return rate(breached);
    }

    private double rate(long n) {
      return arrivals == 0 ? Double.NaN : (double) n / arrivals;
    }
  }

  /** One replication's tallies, and how to turn many into a report. */
  record Result(long itemsSimulated, Counts overall, Counts[] byStream, Simulation sim,
      Map<String, AgentClock> agentClocks, double affinityHitRate, double affinityWaitSeconds,
      double[][] campaigns, Intervals intervals) {

    double occupancy() {
      long busy = 0;
      long staffed = 0;
      for (AgentClock t : agentClocks.values()) {
        busy += t.busy;
        staffed += t.staffed;
      }
      return staffed == 0 ? Double.NaN : (double) busy / staffed;
    }

    Counts group(Predicate<ArrivalStream> in) {
      Counts c = new Counts();
      for (int i = 0; i < sim.streams.size(); i++) {
        if (in.test(sim.streams.get(i))) {
          c.add(byStream[i]);
        }
      }
      return c;
    }

    static SimulationReport report(List<Result> results) {
      Simulation sim = results.get(0).sim();
      Kpis overall = kpis(results, Result::overall, true);
      Map<String, Kpis> byChannel = new LinkedHashMap<>();
      Map<String, Kpis> byQueue = new LinkedHashMap<>();
      for (ArrivalStream s : sim.streams) {
        byChannel.computeIfAbsent(s.channel().id(), ch -> kpis(results,
            r -> r.group(x -> x.channel().id().equals(ch)), false));
        byQueue.computeIfAbsent(s.queue(), q -> kpis(results,
            r -> r.group(x -> x.queue().equals(q)), false));
      }
      Map<String, Estimate> occupancy = new LinkedHashMap<>();
      for (String agent : results.get(0).agentClocks().keySet()) {
        occupancy.put(agent, Estimate.of(results.stream().mapToDouble(r -> {
          AgentClock t = r.agentClocks().get(agent);
          return t.staffed == 0 ? Double.NaN : (double) t.busy / t.staffed;
        }).toArray()));
      }
      long simulated = results.stream().mapToLong(Result::itemsSimulated).sum();
      Map<String, CampaignKpis> campaigns = new LinkedHashMap<>();
      for (int c = 0; c < sim.campaigns.size(); c++) {
        int i = c;
        campaigns.put(sim.campaigns.get(c).campaign().id(), new CampaignKpis(
            sim.campaigns.get(c).targetShare(),
            Estimate.of(results.stream().mapToDouble(r -> r.campaigns()[i][0]).toArray()),
            Estimate.of(results.stream().mapToDouble(r -> r.campaigns()[i][1]).toArray()),
            Estimate.of(results.stream().mapToDouble(r -> r.campaigns()[i][2]).toArray())));
      }
      double[] expected = new double[sim.streams.size()];
      double expectedAll = 0;
      for (int i = 0; i < expected.length; i++) {
        ArrivalStream s = sim.streams.get(i);
        expected[i] = s.expectedArrivalsUntil(sim.horizon.toNanos())
            - s.expectedArrivalsUntil(sim.warmUp.toNanos());
        expectedAll += expected[i];
      }
      Map<String, Outcomes> outcomesByStream = new LinkedHashMap<>();
      for (int i = 0; i < expected.length; i++) {
        int stream = i;
        outcomesByStream.put(sim.streams.get(i).name(),
            outcomes(results, r -> r.byStream()[stream], expected[i]));
      }
      if (sim.dialer != null) {
        int d = sim.streams.size();
        outcomesByStream.put(sim.dialer.name(), outcomes(results, r -> r.byStream()[d], 0));
      }
      Map<String, Estimate> teamOccupancy = new LinkedHashMap<>();
      for (Simulation.Staffed s : sim.agents) {
        s.agent().team().ifPresent(team -> teamOccupancy.computeIfAbsent(team,
            t -> Estimate.of(results.stream().mapToDouble(r -> r.teamOccupancy(t, -1))
                .toArray())));
      }
      List<String> labels = occupancyPeriods(sim);
      Map<String, Map<String, Estimate>> byPeriod = new LinkedHashMap<>();
      for (String team : teamOccupancy.keySet()) {
        Map<String, Estimate> periods = new LinkedHashMap<>();
        for (int p = 0; p < labels.size(); p++) {
          int period = p;
          periods.put(labels.get(p), Estimate.of(results.stream()
              .mapToDouble(r -> r.teamOccupancy(team, period)).toArray()));
        }
        if (!periods.isEmpty()) {
          byPeriod.put(team, periods);
        }
      }
      Intervals.Figures intervals = Intervals.Figures.of(sim,
          results.stream().map(Result::intervals).toList());
      return new SimulationReport(results.size(), simulated, overall, byChannel, byQueue,
          occupancy,
          Estimate.of(results.stream().mapToDouble(Result::affinityHitRate).toArray()),
          Estimate.of(results.stream().mapToDouble(Result::affinityWaitSeconds).toArray()),
          campaigns, outcomes(results, Result::overall, expectedAll), outcomesByStream,
          teamOccupancy, byPeriod, sim.serviceLevelThreshold, sim.intervalLength, intervals.all(),
          intervals.byQueue());
    }

    /** Busy time over planned shift time of the team's agents; period -1 is the whole window. */
    double teamOccupancy(String team, int period) {
      long busy = 0;
      long staffed = 0;
      for (Simulation.Staffed s : sim.agents) {
        if (s.agent().team().filter(team::equals).isPresent()) {
          AgentClock t = agentClocks.get(s.agent().id());
          busy += period < 0 ? t.busy : t.busyByPeriod[period];
          staffed += period < 0 ? t.staffed : t.staffedByPeriod[period];
        }
      }
      return staffed == 0 ? Double.NaN : (double) busy / staffed;
    }

    private static Outcomes outcomes(List<Result> results, Function<Result, Counts> f,
        double expected) {
      int n = results.size();
      double[][] v = new double[Outcomes.KEYS.length][n];
      for (int i = 0; i < n; i++) {
        Counts c = f.apply(results.get(i));
        double[] row = {c.arrivals, c.retrials, c.answered, c.abandoned, c.balked, c.blocked,
            c.disconnected, c.unanswered, c.answeredWithin, c.notInTarget,
            c.arrivals == 0 ? Double.NaN : (double) c.answeredWithin / c.arrivals, expected,
            expected == 0 ? Double.NaN : c.answeredWithin / expected, c.tried};
        for (int k = 0; k < row.length; k++) {
          v[k][i] = row[k];
        }
      }
      Estimate[] e = new Estimate[v.length];
      for (int k = 0; k < v.length; k++) {
        e[k] = Estimate.of(v[k]);
      }
      return new Outcomes(e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7], e[8], e[9], e[10],
          e[11], e[12], e[13]);
    }

    private static Kpis kpis(List<Result> results, Function<Result, Counts> f,
        boolean withOccupancy) {
      int n = results.size();
      double[][] v = new double[9][n];
      for (int i = 0; i < n; i++) {
        Counts c = f.apply(results.get(i));
        v[0][i] = c.serviceLevel();
        v[1][i] = c.probabilityOfWait();
        v[2][i] = c.asa();
        v[3][i] = c.aht();
        v[4][i] = c.abandonmentRate();
        v[5][i] = c.unansweredRate();
        v[6][i] = c.slaBreachRate();
        v[7][i] = withOccupancy ? results.get(i).occupancy() : Double.NaN;
        v[8][i] = c.arrivals;
      }
      return new Kpis(Estimate.of(v[0]), Estimate.of(v[1]), Estimate.of(v[2]), Estimate.of(v[3]),
          Estimate.of(v[4]), Estimate.of(v[5]), Estimate.of(v[6]), Estimate.of(v[7]),
          Estimate.of(v[8]));
    }
  }

  /**
   * One replication's figures per interval of arrival, for all inbound work and for each queue,
   * and the agents' busy and on-shift time per interval. Every tally is allocated when the
   * replication starts, so recording an item only adds to counters.
   */
  static final class Intervals {

    /** The interval length when none is set: half an hour, as contact centres plan. */
    static final Duration DEFAULT_LENGTH = Duration.ofMinutes(30);

    private final long length;
    private final long start;
    private final long end;
    private final int intervals;
    private final int[] queueOfStream;
    /** Population-major: population 0 is all inbound work, population 1 + q is queue q. */
    private final Counts[] cells;
    private final long[] busy;
    private final long[] onShift;

    Intervals(Simulation sim) {
      this.length = sim.intervalLength.toNanos();
      this.start = sim.warmUp.toNanos();
      this.end = sim.horizon.toNanos();
      this.intervals = count(length, start, end);
      List<String> queues = queues(sim.streams);
      this.queueOfStream = new int[sim.streams.size()];
      for (int i = 0; i < queueOfStream.length; i++) {
        queueOfStream[i] = queues.indexOf(sim.streams.get(i).queue());
      }
      this.cells = new Counts[(queues.size() + 1) * intervals];
      for (int i = 0; i < cells.length; i++) {
        cells[i] = new Counts();
      }
      this.busy = new long[intervals];
      this.onShift = new long[intervals];
    }

    /** The tally of all inbound work arriving at {@code arrival} (in the counted window). */
    Counts all(long arrival) {
      return cells[index(arrival)];
    }

    /** The tally of stream {@code stream}'s queue for items arriving at {@code arrival}. */
    Counts queue(int stream, long arrival) {
      return cells[(1 + queueOfStream[stream]) * intervals + index(arrival)];
    }

    /** An agent held work from {@code from} to {@code to}. */
    void busy(long from, long to) {
      Periods.spread(busy, from, to, start, end, length);
    }

    /** An agent was on shift from {@code from} to {@code to}. */
    void onShift(long from, long to) {
      Periods.spread(onShift, from, to, start, end, length);
    }

    private int index(long arrival) {
      return (int) (arrival / length - start / length);
    }

    /** Intervals of {@code length} from time 0 that meet the window from start to end. */
    private static int count(long length, long start, long end) {
      return (int) ((end + length - 1) / length - start / length);
    }

    /** The streams' queues, each once, in the order streams name them. */
    private static List<String> queues(List<ArrivalStream> streams) {
      List<String> queues = new ArrayList<>();
      for (ArrivalStream s : streams) {
        if (!queues.contains(s.queue())) {
          queues.add(s.queue());
        }
      }
      return queues;
    }

    /**
     * The interval length a simulation runs with: the one set, if its intervals fit in {@link
     * SimulationLimits#MAX_INTERVAL_CELLS}, else the default, doubled until they fit.
     */
    static Duration length(Duration set, Duration warmUp, Duration horizon,
        List<ArrivalStream> streams) {
      long populations = queues(streams).size() + 1L;
      Duration length = set == null ? DEFAULT_LENGTH : set;
      while (populations * count(length.toNanos(), warmUp.toNanos(), horizon.toNanos())
          > SimulationLimits.MAX_INTERVAL_CELLS) {
        if (set != null) {
          throw new IllegalArgumentException("interval length " + set + " makes "
              + count(set.toNanos(), warmUp.toNanos(), horizon.toNanos()) + " intervals for "
              + populations + " populations (the queues and all work); at most "
              + SimulationLimits.MAX_INTERVAL_CELLS + " figures: choose a longer interval");
        }
        length = length.multipliedBy(2);
      }
      return length;
    }

    /** The figures of every replication, per interval, for all work and per queue. */
    record Figures(List<SimulatedInterval> all, Map<String, List<SimulatedInterval>> byQueue) {

      static Figures of(Simulation sim, List<Intervals> tallies) {
        List<String> queues = queues(sim.streams);
        Map<String, List<SimulatedInterval>> byQueue = new LinkedHashMap<>();
        for (int q = 0; q < queues.size(); q++) {
          byQueue.put(queues.get(q), population(sim, tallies, 1 + q));
        }
        return new Figures(population(sim, tallies, 0), byQueue);
      }

      private static List<SimulatedInterval> population(Simulation sim,
          List<Intervals> tallies, int population) {
        Intervals shape = tallies.get(0);
        List<SimulatedInterval> out = new ArrayList<>(shape.intervals);
        long first = shape.start / shape.length;
        for (int i = 0; i < shape.intervals; i++) {
          int cell = population * shape.intervals + i;
          int interval = i;
          ToDoubleFunction<Intervals> occupancy = population > 0 ? t -> Double.NaN
              : t -> t.onShift[interval] == 0 ? Double.NaN
                  : (double) t.busy[interval] / t.onShift[interval];
          out.add(new SimulatedInterval(
              Duration.ofNanos(Math.max((first + i) * shape.length, shape.start)),
              Duration.ofNanos(Math.min((first + i + 1) * shape.length, shape.end)),
              estimate(tallies, t -> t.cells[cell].arrivals),
              estimate(tallies, t -> t.cells[cell].answered),
              estimate(tallies, t -> t.cells[cell].abandoned),
              estimate(tallies, t -> t.cells[cell].abandonmentRate()),
              estimate(tallies, t -> t.cells[cell].serviceLevel()),
              estimate(tallies, t -> t.cells[cell].asa()),
              estimate(tallies, occupancy)));
        }
        return List.copyOf(out);
      }

      private static Estimate estimate(List<Intervals> tallies,
          ToDoubleFunction<Intervals> value) {
        double[] v = new double[tallies.size()];
        for (int r = 0; r < v.length; r++) {
          v[r] = value.applyAsDouble(tallies.get(r));
        }
        return Estimate.of(v);
      }
    }
  }

  /**
   * The occupancy periods' names, {@code hh:mm-hh:mm} from the start of the run, each cut to the
   * counted window; none without an occupancy period.
   */
  static List<String> occupancyPeriods(Simulation sim) {
    List<String> out = new ArrayList<>();
    if (sim.occupancyPeriod == null) {
      return out;
    }
    long length = sim.occupancyPeriod.toNanos();
    long warmUp = sim.warmUp.toNanos();
    long horizon = sim.horizon.toNanos();
    for (long p = warmUp / length; p * length < horizon; p++) {
      out.add(Periods.clock(Math.max(p * length, warmUp)) + "-"
          + Periods.clock(Math.min((p + 1) * length, horizon)));
    }
    return out;
  }

  /**
   * The engine's clock: set by this replication's event loop and read by its manual engine, both
   * on the one thread that runs the replication, so a plain field does what {@code ManualClock}'s
   * volatile field and lock did at a cost of 7% of a run.
   */
  private static final class SimClock implements InstantSource {
    Instant now;

    SimClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
