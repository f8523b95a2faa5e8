package dev.switchboard.sim;

import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/** One independent run of a {@link Simulation}: the event loop around a manual engine. */
final class Replication {

  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final long SECOND = 1_000_000_000L;
  /** How long a simulated agent set away for missed offers stays away. */
  private static final long AWAY_AFTER_MISSES = 60 * SECOND;

  private enum Kind { ARRIVAL, ACCEPT, COMPLETE, ABANDON, LOG_IN, LOG_OUT, FOLLOW_UP }

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

  private final Simulation sim;
  private final SplittableRandom random;
  private final ManualClock clock = new ManualClock(START);
  private final ManualSwitchboard engine;
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
  private final Map<String, long[]> agentTime = new LinkedHashMap<>(); // busy, staffed
  private long now;
  private long seq;
  private long arrivals;

  private final int number;

  Replication(Simulation sim, long seed, int number) {
    this.number = number;
    this.sim = sim;
    this.random = new SplittableRandom(seed);
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
  }

  Result run() {
    for (Simulation.Staffed s : sim.agents) {
      engine.addAgent(s.agent());
      long[] time = new long[2];
      agentTime.put(s.agent().id(), time);
      if (s.shifts().isEmpty()) {
        schedule(0, Kind.LOG_IN, 0, null, s.agent().id());
        time[1] += overlap(0, horizon);
      }
      for (Shift shift : s.shifts()) {
        long from = shift.start().toNanos();
        long to = shift.end().toNanos();
        schedule(from, Kind.LOG_IN, 0, null, s.agent().id());
        schedule(to, Kind.LOG_OUT, 0, null, s.agent().id());
        time[1] += overlap(from, to);
      }
    }
    for (int i = 0; i < sim.streams.size(); i++) {
      scheduleArrival(i, 0);
    }
    sim.observer.onStart(number, engine);
    engine.drain();
    while (true) {
      long next = events.isEmpty() ? Long.MAX_VALUE : events.peek().at();
      long deadline = engine.nextDeadline()
          .map(d -> Duration.between(START, d).toNanos()).orElse(Long.MAX_VALUE);
      long t = Math.min(next, deadline);
      if (t == Long.MAX_VALUE) {
        break;
      }
      if (t > now) {
        sim.observer.onAdvance(START.plusNanos(now), START.plusNanos(t), engine);
        now = t;
        clock.set(START.plusNanos(t));
      }
      while (!events.isEmpty() && events.peek().at() <= now) {
        handle(events.poll());
      }
      engine.drain();
      readInbox();
    }
    sim.observer.onFinish(number, START.plusNanos(now), engine);
    return new Result(arrivals, overall, byStream, sim, agentTime);
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
      case LOG_IN -> engine.setPresence(e.agentId(), Presence.AVAILABLE);
      case LOG_OUT -> engine.setPresence(e.agentId(), Presence.OFFLINE);
      case FOLLOW_UP -> engine.followUp(e.itemId(), Map.of());
    }
  }

  private void arrive(int s) {
    ArrivalStream stream = sim.streams.get(s);
    String id = stream.name() + "-" + (++counters[s]);
    Rec rec = track(id, s);
    WorkItem.Builder b = WorkItem.builder(id, stream.channel()).customer(id).queue(stream.queue());
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
    double max = stream.maxRate();
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
      if (e instanceof ItemSubmitted s && !items.containsKey(s.item().id())) {
        // the engine turned a follow-up into a new item of the conversation
        String conversation = s.item().conversationId().orElseThrow();
        track(s.item().id(), conversations.get(conversation)).conversation = conversation;
      } else if (e instanceof SlaBreached b) {
        Rec r = items.get(b.itemId());
        if (r != null) {
          r.breached = true;
        }
      } else if (e instanceof ItemQueued q) {
        Rec r = items.get(q.itemId());
        if (r != null && !r.answered) {
          r.waited = true;
        }
      } else if (e instanceof ItemOffered o) {
        if (random.nextDouble() >= sim.missProbability) {
          schedule(now + seconds(sim.acceptDelay.sampleSeconds(random)), Kind.ACCEPT, 0,
              o.itemId(), o.agentId());
        }
      } else if (e instanceof ItemAssigned a) {
        Rec r = items.get(a.itemId());
        r.answered = true;
        r.assignedAt = now;
        schedule(now + r.handle, Kind.COMPLETE, 0, a.itemId(), a.agentId());
      } else if (e instanceof ItemCompleted c) {
        Rec r = items.remove(c.itemId());
        agentTime.get(c.agentId())[0] += overlap(r.assignedAt, now);
        if (r.counted) {
          overall.answered(r, threshold, now);
          byStream[r.stream].answered(r, threshold, now);
        }
        ArrivalStream stream = sim.streams.get(r.stream);
        if (r.conversation != null && random.nextDouble() < stream.followUpProbability()) {
          schedule(now + seconds(stream.followUpDelay().sampleSeconds(random)), Kind.FOLLOW_UP,
              r.stream, r.conversation, null);
        }
      } else if (e instanceof ItemAbandoned a) {
        Rec r = items.remove(a.itemId());
        if (r.counted) {
          overall.abandoned(r, threshold, now);
          byStream[r.stream].abandoned(r, threshold, now);
        }
      } else if (e instanceof PresenceChanged p
          && Presence.MISSED_OFFERS.equals(p.to().activity())) {
        schedule(now + AWAY_AFTER_MISSES, Kind.LOG_IN, 0, null, p.agentId());
      }
    }
    inbox.clear();
  }

  private long overlap(long from, long to) {
    return Math.max(0, Math.min(to, horizon) - Math.max(from, warmUp));
  }

  private void schedule(long at, Kind kind, int index, String itemId, String agentId) {
    events.add(new Ev(at, seq++, kind, index, itemId, agentId));
  }

  private static long seconds(double s) {
    return Math.round(s * SECOND);
  }

  /** Tallies of one population in one replication. */
  static final class Counts {
    long arrivals;
    long answered;
    long answeredWithin;
    long abandoned;
    long abandonedWithin;
    long waited;
    long breached;
    double waitSeconds;
    double handleSeconds;

    void answered(Rec r, long threshold, long completedAt) {
      arrivals++;
      answered++;
      long wait = r.assignedAt - r.arrival;
      if (wait <= threshold) {
        answeredWithin++;
      }
      if (r.waited) {
        waited++;
      }
      if (r.breached) {
        breached++;
      }
      waitSeconds += wait / 1e9;
      handleSeconds += (completedAt - r.assignedAt) / 1e9;
    }

    void abandoned(Rec r, long threshold, long at) {
      arrivals++;
      abandoned++;
      waited++;
      if (r.breached) {
        breached++;
      }
      if (at - r.arrival <= threshold) {
        abandonedWithin++;
      }
    }

    void add(Counts o) {
      arrivals += o.arrivals;
      answered += o.answered;
      answeredWithin += o.answeredWithin;
      abandoned += o.abandoned;
      abandonedWithin += o.abandonedWithin;
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
      return arrivals == 0 ? Double.NaN : (double) waited / arrivals;
    }

    double asa() {
      return answered == 0 ? Double.NaN : waitSeconds / answered;
    }

    double aht() {
      return answered == 0 ? Double.NaN : handleSeconds / answered;
    }

    double slaBreachRate() {
      return arrivals == 0 ? Double.NaN : (double) breached / arrivals;
    }

    double abandonmentRate() {
      return arrivals == 0 ? Double.NaN : (double) abandoned / arrivals;
    }
  }

  /** One replication's tallies, and how to turn many into a report. */
  record Result(long itemsSimulated, Counts overall, Counts[] byStream, Simulation sim,
      Map<String, long[]> agentTime) {

    double occupancy() {
      long busy = 0;
      long staffed = 0;
      for (long[] t : agentTime.values()) {
        busy += t[0];
        staffed += t[1];
      }
      return staffed == 0 ? Double.NaN : (double) busy / staffed;
    }

    Counts group(java.util.function.Predicate<ArrivalStream> in) {
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
      Kpis overall = kpis(results, r -> r.overall(), true);
      Map<String, Kpis> byChannel = new LinkedHashMap<>();
      Map<String, Kpis> byQueue = new LinkedHashMap<>();
      for (ArrivalStream s : sim.streams) {
        byChannel.computeIfAbsent(s.channel().id(), ch -> kpis(results,
            r -> r.group(x -> x.channel().id().equals(ch)), false));
        byQueue.computeIfAbsent(s.queue(), q -> kpis(results,
            r -> r.group(x -> x.queue().equals(q)), false));
      }
      Map<String, Estimate> occupancy = new LinkedHashMap<>();
      for (String agent : results.get(0).agentTime().keySet()) {
        occupancy.put(agent, Estimate.of(results.stream().mapToDouble(r -> {
          long[] t = r.agentTime().get(agent);
          return t[1] == 0 ? Double.NaN : (double) t[0] / t[1];
        }).toArray()));
      }
      long simulated = results.stream().mapToLong(Result::itemsSimulated).sum();
      return new SimulationReport(results.size(), simulated, overall, byChannel, byQueue,
          occupancy);
    }

    private static Kpis kpis(List<Result> results, java.util.function.Function<Result, Counts> f,
        boolean withOccupancy) {
      int n = results.size();
      double[] sl = new double[n];
      double[] pw = new double[n];
      double[] asa = new double[n];
      double[] aht = new double[n];
      double[] ab = new double[n];
      double[] breach = new double[n];
      double[] occ = new double[n];
      double[] count = new double[n];
      for (int i = 0; i < n; i++) {
        Counts c = f.apply(results.get(i));
        sl[i] = c.serviceLevel();
        pw[i] = c.probabilityOfWait();
        asa[i] = c.asa();
        aht[i] = c.aht();
        ab[i] = c.abandonmentRate();
        breach[i] = c.slaBreachRate();
        occ[i] = withOccupancy ? results.get(i).occupancy() : Double.NaN;
        count[i] = c.arrivals;
      }
      return new Kpis(Estimate.of(sl), Estimate.of(pw), Estimate.of(asa), Estimate.of(aht),
          Estimate.of(ab), Estimate.of(breach), Estimate.of(occ), Estimate.of(count));
    }
  }
}
