package dev.switchboard.insights.internal;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AgentAdded;
import dev.switchboard.event.RoutingEvent.AgentRemoved;
import dev.switchboard.event.RoutingEvent.AgentUpdated;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.insights.AnsweredItem;
import dev.switchboard.insights.WorkMix;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules need beside the KPIs: agents as last defined, their presence, and the work that
 * arrived since the last interval closed, by queue, channel and required skills. Not thread-safe;
 * its owner locks.
 */
public final class Tracker {

  private record Kind(String queue, Channel channel, Map<String, Integer> skills) {}

  /** An item not yet answered: since when it waits, and in which queue. */
  private static final class Waiting {
    final Instant since;
    String queue;

    Waiting(Instant since, String queue) {
      this.since = since;
      this.queue = queue;
    }
  }

  /** Answered items kept per interval, at most; the affinity rules judge on the first ones. */
  private static final int MAX_ANSWERED = 100_000;

  /** Kinds of work kept per interval, at most; further kinds are counted under the last one. */
  private static final int MAX_KINDS = 10_000;

  private final Map<String, Agent> agents = new LinkedHashMap<>();
  private final Map<String, Presence> presence = new HashMap<>();
  private final Map<Kind, Long> arrived = new LinkedHashMap<>();
  private final Map<String, Waiting> waiting = new HashMap<>();
  private final List<AnsweredItem> answered = new ArrayList<>();
  private String lastItem;
  private Kind lastKind;

  /** Updates agents, presence and arrivals from one event. */
  public void accept(RoutingEvent e) {
    if (e instanceof ItemSubmitted s) {
      WorkItem item = s.item();
      Kind kind = new Kind(item.queue(), item.channel(), item.requiredSkills());
      if (arrived.size() >= MAX_KINDS && !arrived.containsKey(kind)) {
        kind = lastKind;
      }
      arrived.merge(kind, 1L, Long::sum);
      lastItem = item.id();
      lastKind = kind;
      waiting.put(item.id(), new Waiting(item.createdAt().orElse(s.at()), item.queue()));
    } else if (e instanceof ItemQueued q) {
      Waiting w = waiting.get(q.itemId());
      if (w != null) {
        w.queue = q.queue();
      }
    } else if (e instanceof ItemAssigned a) {
      Waiting w = waiting.remove(a.itemId());
      if (w != null && answered.size() < MAX_ANSWERED) {
        Duration wait = Duration.between(w.since, a.at());
        answered.add(new AnsweredItem(w.queue, wait.isNegative() ? Duration.ZERO : wait,
            a.affinity(), a.affinityWait()));
      }
    } else if (e instanceof ItemAbandoned a) {
      waiting.remove(a.itemId());
    } else if (e instanceof ItemCancelled c) {
      waiting.remove(c.itemId());
    } else if (e instanceof CampaignWorkBlended b && b.itemId().equals(lastItem)) {
      // Campaign work is announced as submitted, then as blended: it is not arriving work.
      arrived.merge(lastKind, -1L, Long::sum);
      waiting.remove(b.itemId());
      lastItem = null;
    } else if (e instanceof AgentAdded a) {
      agents.put(a.agent().id(), a.agent());
    } else if (e instanceof AgentUpdated u) {
      agents.put(u.agent().id(), u.agent());
    } else if (e instanceof AgentRemoved r) {
      agents.remove(r.agentId());
      presence.remove(r.agentId());
    } else if (e instanceof PresenceChanged p) {
      presence.put(p.agentId(), p.to());
    }
  }

  /** The work that arrived since the last {@link #startInterval()}. */
  public List<WorkMix> work() {
    List<WorkMix> out = new ArrayList<>();
    arrived.forEach((k, n) -> {
      if (n > 0) {
        out.add(new WorkMix(k.queue(), k.channel(), k.skills(), n));
      }
    });
    return out;
  }

  /** The items answered for the first time since the last {@link #startInterval()}. */
  public List<AnsweredItem> answered() {
    return answered;
  }

  /** Forgets the arrivals and answers counted so far: a new interval begins. */
  public void startInterval() {
    arrived.clear();
    answered.clear();
    lastItem = null;
  }

  /** Agents as last defined, by id. */
  public Map<String, Agent> agents() {
    return agents;
  }

  /** Presence of each agent, by id. */
  public Map<String, Presence> presence() {
    return presence;
  }
}
