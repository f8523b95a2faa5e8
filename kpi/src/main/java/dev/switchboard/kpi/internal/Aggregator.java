package dev.switchboard.kpi.internal;

import dev.switchboard.Outcome;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AgentAdded;
import dev.switchboard.event.RoutingEvent.AgentRemoved;
import dev.switchboard.event.RoutingEvent.AgentUpdated;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.HoldEnded;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.kpi.Backlog;
import dev.switchboard.kpi.ClosedInterval;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.KpiFootprint;
import dev.switchboard.kpi.KpiSnapshot;
import dev.switchboard.kpi.ServiceTarget;
import dev.switchboard.kpi.WaitingItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns events into counters. One lock guards everything: the listener thread holds it for one
 * event, a query for one copy, so queries never see half an event. Time is the events' engine
 * time; an event stamped before the latest one seen counts as if at the latest. With business
 * hours, an event while closed is counted in the interval (and day) of the next opening, and
 * agents' time only while open; intervals with no open time are not kept.
 */
public final class Aggregator {

  /** Who resolved a conversation's last item, and when. */
  private record Resolution(String agentId, Instant at) {}

  private final Settings settings;
  private final Calendar calendar;
  private final Map<String, LiveItem> items = new HashMap<>();
  private final Map<String, AgentState> agents = new LinkedHashMap<>();
  private final LinkedHashMap<String, Resolution> resolutions = new LinkedHashMap<>();
  private final TreeSet<String> queues = new TreeSet<>();
  private final Deque<ClosedInterval> closed = new ArrayDeque<>();
  private Period interval;
  private Period today;
  private Instant last;
  private long lastSequence = Long.MIN_VALUE;

  /** An aggregator with the given settings, empty until the first event. */
  public Aggregator(Settings settings) {
    this.settings = settings;
    this.calendar = new Calendar(settings.interval(), settings.zone(), settings.hours());
  }

  /**
   * Counts one event, unless it was counted already: events come in sequence order from each
   * source, so an event at or below the highest sequence seen came from a second registration
   * (directly and through the insights, say), and counting it twice is never right.
   */
  public synchronized void accept(RoutingEvent e) {
    if (e.sequence() <= lastSequence) {
      return;
    }
    lastSequence = e.sequence();
    Instant t = last == null || e.at().isAfter(last) ? e.at() : last;
    advance(calendar.counted(t));
    last = t;
    if (e instanceof ItemSubmitted s) {
      submitted(s, t);
    } else if (e instanceof ItemQueued q) {
      queued(q);
    } else if (e instanceof ItemOffered o) {
      LiveItem it = items.get(o.itemId());
      if (it != null) {
        it.decided = true;
      }
    } else if (e instanceof ItemAssigned a) {
      assigned(a, t);
    } else if (e instanceof ItemCompleted c) {
      completed(c, t);
    } else if (e instanceof ItemAbandoned a) {
      abandoned(a, t);
    } else if (e instanceof ItemCancelled c) {
      cancelled(c, t);
    } else if (e instanceof ItemHeld h) {
      held(h, t);
    } else if (e instanceof HoldEnded h) {
      endHold(items.get(h.itemId()), t);
    } else if (e instanceof ItemReleased r) {
      moved(r.itemId(), t);
    } else if (e instanceof ItemTransferred tr) {
      moved(tr.itemId(), t);
    } else if (e instanceof SlaWarning w) {
      onItem(w.itemId(), c -> c.slaWarnings++);
    } else if (e instanceof SlaBreached b) {
      onItem(b.itemId(), c -> c.slaBreaches++);
    } else if (e instanceof FollowUpReceived f) {
      onItem(f.itemId(), c -> c.followUps++);
    } else if (e instanceof CampaignWorkBlended b) {
      blended(b);
    } else {
      agentEvent(e, t);
    }
  }

  private void agentEvent(RoutingEvent e, Instant t) {
    if (e instanceof AgentAdded a) {
      teamOf(agent(a.agent().id(), t), a.agent().team().orElse(null), t);
    } else if (e instanceof AgentUpdated u) {
      teamOf(agent(u.agent().id(), t), u.agent().team().orElse(null), t);
    } else if (e instanceof PresenceChanged p) {
      AgentState a = agent(p.agentId(), t);
      accrue(a, t);
      a.status = p.to().status();
    } else if (e instanceof AgentRemoved r) {
      AgentState a = agents.remove(r.agentId());
      if (a != null) {
        accrue(a, t);
      }
    }
  }

  private void submitted(ItemSubmitted s, Instant t) {
    LiveItem it = new LiveItem(s.item(), t);
    items.put(it.id, it);
    queues.add(it.queue);
    credit(it, null, c -> c.offered++);
    if (calendar.closedAt(t)) {
      credit(it, null, c -> c.offeredAfterHours++);
    }
    if (it.conversation != null) {
      Resolution r = resolutions.remove(it.conversation);
      if (r != null && !t.isAfter(r.at().plus(settings.reopenWindow()))) {
        it.reopening = true;
        credit(it, r.agentId(), c -> c.reopened++);
      }
    }
  }

  private void blended(CampaignWorkBlended b) {
    LiveItem it = items.get(b.itemId());
    if (it != null && !it.campaign) {
      // The engine announces campaign work as submitted, then as blended, at the same instant:
      // take back the offer counted a moment ago, in the same interval.
      it.campaign = true;
      credit(it, null, c -> c.offered--);
    }
  }

  private void held(ItemHeld h, Instant t) {
    LiveItem it = items.get(h.itemId());
    if (it != null && it.heldSince == null) {
      it.heldSince = t;
      credit(it, null, c -> c.held++);
    }
  }

  /** The item is no longer held: released at the opening, or gone while held. */
  private void endHold(LiveItem it, Instant t) {
    if (it == null || it.heldSince == null) {
      return;
    }
    long nanos = Math.max(0, Duration.between(it.heldSince, t).toNanos());
    it.heldSince = null;
    credit(it, null, c -> c.heldNanos += nanos);
  }

  private void queued(ItemQueued q) {
    LiveItem it = items.get(q.itemId());
    if (it == null) {
      return;
    }
    it.queue = q.queue();
    queues.add(it.queue);
    if (!it.decided) {
      it.decided = true;
      if (!it.campaign) {
        credit(it, null, c -> c.waited++);
      }
    }
  }

  private void assigned(ItemAssigned a, Instant t) {
    LiveItem it = items.get(a.itemId());
    if (it == null) {
      return;
    }
    AgentState agent = agent(a.agentId(), t);
    accrue(agent, t);
    agent.held++;
    it.holder = a.agentId();
    it.assignedAt = t;
    it.decided = true;
    it.assignments++;
    if (!it.answered && !it.campaign) {
      it.answered = true;
      long wait = Math.max(0, Duration.between(it.createdAt, t).toNanos());
      boolean inTime = wait <= threshold(it);
      AffinityMatch match = a.affinity();
      long affinityWait = a.affinityWait().toNanos();
      credit(it, a.agentId(), c -> {
        c.answered++;
        c.speedOfAnswerNanos += wait;
        if (inTime) {
          c.answeredInTime++;
        }
        if (match == AffinityMatch.OWNER) {
          c.ownAgentAnswers++;
        } else if (match == AffinityMatch.RECENT_AGENT) {
          c.recentAgentAnswers++;
        }
        c.affinityWaitNanos += affinityWait;
      });
    }
  }

  private void completed(ItemCompleted done, Instant t) {
    LiveItem it = items.remove(done.itemId());
    if (it == null) {
      return;
    }
    unhold(it, t);
    long handle = it.assignedAt == null ? 0
        : Math.max(0, Duration.between(it.assignedAt, t).toNanos());
    boolean resolved = Outcome.RESOLVED.equals(done.outcome());
    boolean first = resolved && !it.campaign && it.assignments == 1 && !it.moved
        && !it.reopening;
    credit(it, done.agentId(), c -> {
      c.handled++;
      c.handleNanos += handle;
      if (it.campaign) {
        c.campaignHandled++;
        c.campaignHandleNanos += handle;
      }
      if (resolved) {
        c.resolved++;
      }
      if (first) {
        c.resolvedAtFirstContact++;
      }
    });
    if (resolved && it.conversation != null) {
      remember(it.conversation, new Resolution(done.agentId(), t));
    }
  }

  private void abandoned(ItemAbandoned a, Instant t) {
    LiveItem it = items.remove(a.itemId());
    if (it == null) {
      return;
    }
    endHold(it, t);
    unhold(it, t);
    long waited = Math.max(0, Duration.between(it.createdAt, t).toNanos());
    boolean inTime = waited <= threshold(it);
    credit(it, null, c -> {
      c.abandoned++;
      c.abandonWaitNanos += waited;
      if (inTime) {
        c.abandonedInTime++;
      }
    });
  }

  private void cancelled(ItemCancelled cancel, Instant t) {
    LiveItem it = items.remove(cancel.itemId());
    if (it == null) {
      return;
    }
    endHold(it, t);
    unhold(it, t);
    if (!it.answered && !it.campaign) {
      credit(it, null, c -> c.unanswered++);
    }
  }

  private void moved(String itemId, Instant t) {
    LiveItem it = items.get(itemId);
    if (it != null) {
      unhold(it, t);
      it.moved = true;
    }
  }

  /** Counts an event of a live item, for the agent holding it too if one does. */
  private void onItem(String itemId, Consumer<Counters> op) {
    LiveItem it = items.get(itemId);
    if (it != null) {
      credit(it, it.holder, op);
    }
  }

  private long threshold(LiveItem it) {
    return settings.target(it.queue).threshold().toNanos();
  }

  private void remember(String conversation, Resolution r) {
    resolutions.remove(conversation);
    resolutions.put(conversation, r);
    Instant expired = r.at().minus(settings.reopenWindow());
    Iterator<Resolution> oldest = resolutions.values().iterator();
    while (oldest.hasNext()) {
      Resolution o = oldest.next();
      if (resolutions.size() > settings.conversationsKept() || o.at().isBefore(expired)) {
        oldest.remove();
      } else {
        break;
      }
    }
  }

  private void unhold(LiveItem it, Instant t) {
    if (it.holder == null) {
      return;
    }
    AgentState a = agents.get(it.holder);
    if (a != null) {
      accrue(a, t);
      a.held = Math.max(0, a.held - 1);
    }
    it.holder = null;
  }

  private AgentState agent(String id, Instant t) {
    return agents.computeIfAbsent(id, k -> new AgentState(k, t));
  }

  private void teamOf(AgentState a, String team, Instant t) {
    accrue(a, t);
    a.team = team;
  }

  /** Counts an item's event for its queue, channel and everything, and for the agent named. */
  private void credit(LiveItem it, String agentId, Consumer<Counters> op) {
    for (Period p : List.of(interval, today)) {
      op.accept(p.at(Dimension.ALL, Dimension.ALL_KEY));
      op.accept(p.at(Dimension.QUEUE, it.queue));
      op.accept(p.at(Dimension.CHANNEL, it.channel));
      if (agentId != null) {
        op.accept(p.at(Dimension.AGENT, agentId));
        AgentState a = agents.get(agentId);
        if (a != null && a.team != null) {
          op.accept(p.at(Dimension.TEAM, a.team));
        }
      }
    }
  }

  /**
   * Counts the agent's time since it was last counted, into the current interval and day. With
   * hours, an event while closed may come after the count moved on to the next opening: the
   * count never goes back.
   */
  private void accrue(AgentState a, Instant t) {
    if (t.isAfter(a.since)) {
      addTime(a, a.since, t, interval, today);
      a.since = t;
    }
  }

  /** Adds the agent's counted time (open time, with hours) between two instants. */
  private void addTime(AgentState a, Instant from, Instant to, Period... periods) {
    long nanos = calendar.countedNanos(from, to);
    if (nanos <= 0 || !a.staffed()) {
      return;
    }
    boolean busy = a.busy();
    for (Period p : periods) {
      List<Counters> targets = new ArrayList<>(3);
      targets.add(p.at(Dimension.ALL, Dimension.ALL_KEY));
      targets.add(p.at(Dimension.AGENT, a.id));
      if (a.team != null) {
        targets.add(p.at(Dimension.TEAM, a.team));
      }
      for (Counters c : targets) {
        c.staffedNanos += nanos;
        if (busy) {
          c.busyNanos += nanos;
        }
      }
    }
  }

  /** Closes every interval (and day) that ended at or before {@code t}. */
  private void advance(Instant t) {
    if (interval == null) {
      Instant start = calendar.intervalStart(t);
      interval = new Period(start, calendar.intervalEnd(start));
      today = new Period(calendar.dayStart(t), calendar.dayEnd(t));
      return;
    }
    while (!t.isBefore(interval.end)) {
      for (AgentState a : agents.values()) {
        accrue(a, interval.end);
      }
      Duration open = openTime(interval);
      if (!open.isZero()) { // an interval wholly outside open hours is not reported
        closed.addLast(new ClosedInterval(interval.start, interval.end,
            interval.freeze(this::target, open)));
        if (closed.size() > settings.intervalsKept()) {
          closed.removeFirst();
        }
      }
      Instant next = interval.end;
      if (!next.isBefore(today.end)) {
        today = new Period(next, calendar.dayEnd(next));
      }
      interval = new Period(next, calendar.intervalEnd(next));
    }
  }

  private Optional<ServiceTarget> target(String queue) {
    return Optional.of(settings.target(queue));
  }

  /** The period's open time: its length without hours. */
  private Duration openTime(Period p) {
    return openTime(p.start, p.end);
  }

  private Duration openTime(Instant start, Instant end) {
    return Duration.ofNanos(calendar.countedNanos(start, end));
  }

  /** The current interval, the day and the backlog, with open agent time up to {@code at}. */
  public synchronized KpiSnapshot snapshot(Instant at) {
    if (interval == null) {
      return new KpiSnapshot(at, Map.of(), Map.of(), Map.of());
    }
    Instant when = at.isAfter(last) ? at : last;
    Period iv = withOpenTime(interval, when);
    Period day = withOpenTime(today, when);
    return new KpiSnapshot(when, iv.freeze(this::target, openTime(iv)),
        day.freeze(this::target, openTime(day)), backlog(when));
  }

  private Period withOpenTime(Period p, Instant when) {
    Period copy = p.copy();
    Instant cut = when.isAfter(interval.end) ? interval.end : when;
    for (AgentState a : agents.values()) {
      addTime(a, a.since, cut, copy);
    }
    return copy;
  }

  private Map<String, Backlog> backlog(Instant when) {
    Map<String, Integer> waiting = new TreeMap<>();
    Map<String, Instant> oldest = new HashMap<>();
    for (String q : queues) {
      waiting.put(q, 0);
    }
    for (LiveItem it : items.values()) {
      if (it.waiting() && !it.campaign) {
        waiting.merge(it.queue, 1, Integer::sum);
        oldest.merge(it.queue, it.createdAt, (x, y) -> x.isBefore(y) ? x : y);
      }
    }
    Map<String, Backlog> out = new LinkedHashMap<>();
    waiting.forEach((q, n) -> {
      Optional<Instant> since = Optional.ofNullable(oldest.get(q));
      Duration age = since.map(s -> Duration.between(s, when)).filter(d -> !d.isNegative())
          .orElse(Duration.ZERO);
      out.put(q, new Backlog(q, n, since, age));
    });
    return out;
  }

  /**
   * The key's closed intervals kept, oldest first, then the current one with open agent time up
   * to the latest event; an interval in which nothing was counted for the key shows zeros.
   */
  public synchronized List<IntervalKpis> intervals(Dimension dimension, String key) {
    List<IntervalKpis> out = new ArrayList<>();
    if (interval == null) {
      return out;
    }
    Optional<ServiceTarget> target = dimension == Dimension.QUEUE ? target(key)
        : Optional.empty();
    for (ClosedInterval c : closed) {
      IntervalKpis k = c.figures().getOrDefault(dimension, Map.of()).get(key);
      out.add(k != null ? k : new Counters().freeze(dimension, key, c.start(), c.end(), target,
          openTime(c.start(), c.end())));
    }
    IntervalKpis now = withOpenTime(interval, last).freeze(this::target, openTime(interval))
        .getOrDefault(dimension, Map.of()).get(key);
    out.add(now != null ? now : new Counters().freeze(dimension, key, interval.start,
        interval.end, target, openTime(interval)));
    return out;
  }

  /** Items waiting in the queue now, oldest first (campaign work excluded). */
  public synchronized List<WaitingItem> waiting(String queue) {
    List<WaitingItem> out = new ArrayList<>();
    for (LiveItem it : items.values()) {
      if (it.waiting() && !it.campaign && it.queue.equals(queue)) {
        out.add(new WaitingItem(it.id, it.queue, it.createdAt,
            Optional.ofNullable(it.slaDeadline)));
      }
    }
    out.sort(Comparator.comparing(WaitingItem::createdAt).thenComparing(WaitingItem::itemId));
    return out;
  }

  /** The closed intervals kept, oldest first. */
  public synchronized List<ClosedInterval> closedIntervals() {
    return List.copyOf(closed);
  }

  /** The latest interval that closed, if one has. */
  public synchronized Optional<ClosedInterval> latestClosed() {
    return Optional.ofNullable(closed.peekLast());
  }

  /** How much state is held. */
  public synchronized KpiFootprint footprint() {
    return new KpiFootprint(items.size(), agents.size(), resolutions.size(), closed.size(),
        interval == null ? 0 : interval.keys());
  }
}
