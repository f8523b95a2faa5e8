package dev.switchboard.sim;

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
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One independent run of a {@link Simulation}: the event loop around a manual engine.
 *
 * <p>Random numbers come from separate streams: one per arrival stream (arrival times, handle
 * times, patience, follow-ups) and one for agents' behaviour (missed offers, accept delays). Two
 * simulations that differ only in routing therefore see the same customers with the same work.
 */
final class Replication {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final long SECOND = 1_000_000_000L;
  /** A century: the longest delay one sample may put on the virtual clock. */
  private static final double MAX_SAMPLE_SECONDS = 100 * 365 * 86_400.0;
  /** How long a simulated agent set away for missed offers stays away. */
  private static final long AWAY_AFTER_MISSES = 60 * SECOND;

  private enum Kind { ARRIVAL, ACCEPT, COMPLETE, ABANDON, LOG_IN, LOG_OUT, RETURN, FOLLOW_UP,
    CAMPAIGNS_END }

  private record Ev(long at, long seq, Kind kind, int index, String itemId, String agentId)
      implements Comparable<Ev> {
    @Override
    public int compareTo(Ev o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }

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

    Rec(int stream, long arrival, long handle, boolean counted) {
      this.stream = stream;
      this.arrival = arrival;
      this.handle = handle;
      this.counted = counted;
    }
  }

  /** Per agent: whether on shift, items in hand, when it last went from none to some, time. */
  private static final class AgentClock {
    boolean onShift;
    int holding;
    long busySince;
    long busy;
    long staffed;
  }

  private final Simulation sim;
  private final int number;
  private final SplittableRandom[] streamRandom;
  /** Each stream's highest period rate per hour, the thinning bound, worked out once. */
  private final double[] maxRate;
  private final SplittableRandom agentRandom;
  /** Handle times of campaign contacts, apart from the inbound streams' randomness. */
  private final SplittableRandom campaignRandom;
  private final SimClock clock = new SimClock();
  private final ManualSwitchboard engine;
  private final Supplier<EngineSnapshot> snapshots;
  private final PriorityQueue<Ev> events = new PriorityQueue<>();
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
  private long now;
  private long seq;
  private long arrivals;
  /** The engine's affinity measures when counting began (the end of the warm-up). */
  private AffinityMeasures affinityAtWarmUp;
  /** The engine's campaign report at the end of the warm-up, at the horizon; null without. */
  private CampaignReport campaignsAtWarmUp;
  private CampaignReport campaignsAtHorizon;
  /** Campaign id to its index in the simulation's campaigns. */
  private final Map<String, Integer> campaignIndex = new HashMap<>();

  Replication(Simulation sim, long seed, int number) {
    this.sim = sim;
    this.number = number;
    SplittableRandom root = new SplittableRandom(seed);
    this.streamRandom = new SplittableRandom[sim.streams.size()];
    this.maxRate = new double[sim.streams.size()];
    for (int i = 0; i < streamRandom.length; i++) {
      streamRandom[i] = root.split();
      maxRate[i] = sim.streams.get(i).maxRate();
    }
    this.agentRandom = root.split();
    this.campaignRandom = root.split();
    this.horizon = sim.horizon.toNanos();
    this.warmUp = sim.warmUp.toNanos();
    this.threshold = sim.serviceLevelThreshold.toNanos();
    this.counters = new int[sim.streams.size()];
    this.byStream = new Counts[sim.streams.size()];
    for (int i = 0; i < byStream.length; i++) {
      byStream[i] = new Counts();
    }
    this.engine = sim.engine.apply(Switchboard.builder()).clock(clock).listener(inbox::add)
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
      AgentClock time = new AgentClock();
      agentClocks.put(id, time);
      if (s.shifts().isEmpty()) {
        schedule(0, Kind.LOG_IN, 0, null, id);
        time.staffed += overlap(0, horizon);
      }
      for (Shift shift : s.shifts()) {
        long from = shift.start().toNanos();
        long to = shift.end().toNanos();
        schedule(from, Kind.LOG_IN, 0, null, id);
        schedule(to, Kind.LOG_OUT, 0, null, id);
        time.staffed += overlap(from, to);
      }
    }
    for (int i = 0; i < sim.streams.size(); i++) {
      scheduleArrival(i, 0);
    }
    startCampaigns();
    sim.observer.onStart(number);
    engine.drain();
    while (true) {
      long next = events.isEmpty() ? Long.MAX_VALUE : events.peek().at();
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
        Instant to = START.plusNanos(t);
        sim.observer.onAdvance(clock.now, to, snapshots);
        now = t;
        clock.now = to;
      }
      while (!events.isEmpty() && events.peek().at() <= now) {
        handle(events.poll());
      }
      engine.drain();
      readInbox();
    }
    // items nobody ever took (waiting for a skill no one on shift has, say) still count
    for (Rec r : items.values()) {
      if (r.counted && !r.answered) {
        overall.unanswered(r);
        byStream[r.stream].unanswered(r);
      }
    }
    sim.observer.onFinish(number, START.plusNanos(now), snapshots);
    AffinityMeasures end = affinityMeasures();
    AffinityMeasures start = affinityAtWarmUp == null ? end : affinityAtWarmUp;
    long answered = end.answered() - start.answered();
    long hits = end.ownAgentHits() + end.recentAgentHits() - start.ownAgentHits()
        - start.recentAgentHits();
    double waitSeconds = end.affinityWait().minus(start.affinityWait()).toNanos() / 1e9;
    return new Result(arrivals, overall, byStream, sim, agentClocks,
        answered == 0 ? Double.NaN : (double) hits / answered,
        answered == 0 ? Double.NaN : waitSeconds / answered, campaignResults());
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

  private void handle(Ev e) {
    switch (e.kind()) {
      case ARRIVAL -> arrive(e.index());
      case ACCEPT -> engine.accept(e.agentId(), e.itemId());
      case COMPLETE -> engine.complete(e.agentId(), e.itemId(), Outcome.RESOLVED);
      case ABANDON -> {
        Rec r = items.get(e.itemId());
        if (r != null && !r.answered) {
          engine.abandon(e.itemId());
        }
      }
      case LOG_IN -> {
        agentClocks.get(e.agentId()).onShift = true;
        engine.setPresence(e.agentId(), Presence.AVAILABLE);
      }
      case LOG_OUT -> {
        agentClocks.get(e.agentId()).onShift = false;
        engine.setPresence(e.agentId(), Presence.OFFLINE);
      }
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
    ArrivalStream stream = sim.streams.get(s);
    String id = stream.name() + "-" + (++counters[s]);
    Rec rec = track(id, s);
    String customer = stream.customers() == 0 ? id
        : "customer-" + (1 + streamRandom[s].nextInt(stream.customers()));
    WorkItem.Builder b =
        WorkItem.builder(id, stream.channel()).customer(customer).queue(stream.queue());
    stream.requiredSkills().forEach(b::requireSkill);
    stream.slaTarget().ifPresent(b::slaTarget);
    if (stream.followUpProbability() > 0) {
      b.conversation(id);
      conversations.put(id, s);
      rec.conversation = id;
    }
    engine.submit(b.build());
    scheduleArrival(s, now);
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
      t += seconds(-Math.log(1 - random.nextDouble()) * 3600.0 / max);
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
        firstRouting(q.itemId(), true);
      } else if (e instanceof ItemOffered o) {
        firstRouting(o.itemId(), false);
        if (agentRandom.nextDouble() >= sim.missProbability) {
          schedule(now + seconds(sim.acceptDelay.sampleSeconds(agentRandom)), Kind.ACCEPT, 0,
              o.itemId(), o.agentId());
        }
      } else if (e instanceof ItemAssigned a) {
        firstRouting(a.itemId(), false);
        Rec r = items.get(a.itemId());
        r.answered = true;
        r.assignedAt = now;
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
        }
        if (r.counted) {
          overall.answered(r, threshold, now);
          byStream[r.stream].answered(r, threshold, now);
        }
        ArrivalStream stream = r.stream < 0 ? null : sim.streams.get(r.stream);
        SplittableRandom random = r.stream < 0 ? null : streamRandom[r.stream];
        if (r.stream >= 0 && r.conversation != null && random.nextDouble() < stream.followUpProbability()) {
          schedule(now + seconds(stream.followUpDelay().sampleSeconds(random)), Kind.FOLLOW_UP,
              r.stream, r.conversation, null);
        }
      } else if (e instanceof ItemCancelled c) {
        // a campaign item whose offer was missed: the engine hands its contact back
        items.remove(c.itemId());
      } else if (e instanceof ItemAbandoned a) {
        Rec r = items.remove(a.itemId());
        if (r.counted) {
          overall.abandoned(r, threshold, now);
          byStream[r.stream].abandoned(r, threshold, now);
        }
      } else if (e instanceof PresenceChanged p
          && Presence.MISSED_OFFERS.equals(p.to().activity())) {
        schedule(now + AWAY_AFTER_MISSES, Kind.RETURN, 0, null, p.agentId());
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
  private static long sinceStart(Instant t) {
    return (t.getEpochSecond() - START.getEpochSecond()) * SECOND + t.getNano() - START.getNano();
  }

  private long overlap(long from, long to) {
    return Math.max(0, Math.min(to, horizon) - Math.max(from, warmUp));
  }

  private void schedule(long at, Kind kind, int index, String itemId, String agentId) {
    events.add(new Ev(at, seq++, kind, index, itemId, agentId));
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
    double waitSeconds;
    double handleSeconds;

    void answered(Rec r, long threshold, long completedAt) {
      arrive(r);
      answered++;
      long wait = r.assignedAt - r.arrival;
      if (wait <= threshold) {
        answeredWithin++;
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
    }

    void unanswered(Rec r) {
      arrive(r);
      unanswered++;
    }

    private void arrive(Rec r) {
      arrivals++;
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
      double[][] campaigns) {

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
      for (int i = 0; i < byStream.length; i++) {
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
      return new SimulationReport(results.size(), simulated, overall, byChannel, byQueue,
          occupancy,
          Estimate.of(results.stream().mapToDouble(Result::affinityHitRate).toArray()),
          Estimate.of(results.stream().mapToDouble(Result::affinityWaitSeconds).toArray()),
          campaigns);
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
   * The engine's clock: set by this replication's event loop and read by its manual engine, both
   * on the one thread that runs the replication, so a plain field does what {@code ManualClock}'s
   * volatile field and lock did at a cost of 7% of a run.
   */
  private static final class SimClock implements InstantSource {
    Instant now = START;

    @Override
    public Instant instant() {
      return now;
    }
  }
}
