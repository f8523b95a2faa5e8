package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.Presence;
import dev.switchboard.event.RoutingEvent.AgentAdded;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Timer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agents: their definitions, presence and load as the matcher's indexes see them, the idle
 * order, and the overload watch on each agent's personal backlog. Knows nothing of routing: the
 * router asks it to hold and drop work, and decides what a change of presence means for items.
 */
final class AgentBook {

  private final Registry registry;
  private final Matcher matcher;
  private final Affinity affinity;
  private final DeadlineQueue timers;
  private final EngineClock clock;
  private final Events events;
  final Map<String, LiveAgent> agents = new LinkedHashMap<>();
  int sequence;
  /** Rises with every offer and every return to available: the idle order, free of clock ties. */
  long activityStamp;
  /** Sequence of the agent last offered work, -1 before the first offer (for round robin). */
  int roundRobinCursor = -1;
  private final Timer.Action<LiveAgent> overloadCheck =
      new Timer.Action<>(Timer.Kind.OVERLOAD, this::checkOverload, LiveAgent::id);

  AgentBook(Registry registry, Matcher matcher, Affinity affinity, DeadlineQueue timers,
      EngineClock clock, Events events) {
    this.registry = registry;
    this.matcher = matcher;
    this.affinity = affinity;
    this.timers = timers;
    this.clock = clock;
    this.events = events;
  }

  /** The agent, or null. */
  LiveAgent get(String agentId) {
    return agents.get(agentId);
  }

  /** The agent, or a rejection naming the id. */
  LiveAgent require(String agentId) {
    LiveAgent a = agents.get(agentId);
    if (a == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_AGENT, "no agent '" + agentId + "'");
    }
    return a;
  }

  Collection<LiveAgent> values() {
    return agents.values();
  }

  /** Adds an agent, offline. */
  void add(Agent definition) {
    if (agents.containsKey(definition.id())) {
      throw new CommandRejectedException(Reason.DUPLICATE_AGENT,
          "agent '" + definition.id() + "' already exists; use updateAgent to change it");
    }
    registry.check(definition);
    LiveAgent a = new LiveAgent(sequence++, definition, registry, ++activityStamp);
    agents.put(a.id(), a);
    matcher.agentAdded(a);
    events.emit(new AgentAdded(events.next(), clock.nowInstant, definition));
  }

  /** Replaces an agent's definition if its current work still fits; returns the agent. */
  LiveAgent redefine(Agent definition) {
    LiveAgent a = require(definition.id());
    registry.check(definition);
    checkFits(a, definition);
    matcher.agentRemoved(a);
    a.define(definition, registry);
    a.exclusiveLoad = 0;
    for (HeldItem it : a.held()) {
      if (a.isExclusive(it.channel())) {
        a.exclusiveLoad++;
      }
    }
    matcher.agentAdded(a);
    return a;
  }

  private void checkFits(LiveAgent a, Agent definition) {
    for (int c = 0; c < registry.channelCount(); c++) {
      Channel channel = registry.channel(c);
      int newCapacity = definition.capacityOn(channel);
      if (a.load(c) > newCapacity) {
        throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
            + a.load(c) + " " + channel + " item(s) but the new capacity on " + channel + " is "
            + newCapacity + "; lower capacity after the work finishes");
      }
      if (a.load(c) > 0 && definition.exclusiveChannels().contains(channel)
          && a.totalLoad() > a.load(c)) {
        throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
            + channel + " work beside other work, so " + channel + " cannot become exclusive now");
      }
    }
    if (a.totalLoad() > definition.effectiveTotalCapacity()) {
      throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
          + a.totalLoad() + " items but the new total capacity is "
          + definition.effectiveTotalCapacity());
    }
  }

  /** Takes the agent out of the book and the indexes; its work is the router's to move. */
  LiveAgent remove(String agentId) {
    LiveAgent a = require(agentId);
    matcher.agentRemoved(a);
    a.removed = true;
    agents.remove(agentId);
    return a;
  }

  /** Forgets what the agent meant to affinity and the overload watch, once its work moved. */
  void forget(LiveAgent a) {
    affinity.agentRemoved(a.id());
    timers.cancel(a.overloadTimer);
  }

  /** Sets the presence and emits the change; false when it was already so. */
  boolean setPresence(LiveAgent a, Presence to) {
    Presence from = a.presence;
    if (from.equals(to)) {
      return false;
    }
    boolean becomesAvailable = to.status() == Presence.Status.AVAILABLE;
    matcher.beforeAgentChange(a);
    a.presence = to;
    if (becomesAvailable) {
      a.lastActivity = ++activityStamp;
      a.consecutiveMisses = 0;
    }
    matcher.afterAgentChange(a);
    events.emit(new PresenceChanged(events.next(), clock.nowInstant, a.id(), from, to));
    return true;
  }

  /** The agent takes the item (offered to it): its load, idle order and round-robin place. */
  void hold(LiveAgent a, LiveItem it) {
    matcher.beforeAgentChange(a);
    a.hold(it);
    a.lastActivity = ++activityStamp;
    matcher.afterAgentChange(a);
    roundRobinCursor = a.sequence();
  }

  /** The agent no longer holds the item. */
  void drop(LiveAgent a, LiveItem it) {
    if (a.removed) {
      a.drop(it);
    } else {
      matcher.beforeAgentChange(a);
      a.drop(it);
      matcher.afterAgentChange(a);
    }
  }

  /**
   * Checks again an agent whose overload timer is armed (clear, with a personal backlog that can
   * come at risk), after a change the timer's moment did not assume: more load, other capacity.
   */
  void recheckOverload(LiveAgent a) {
    if (a.overloadTimer != null && a.overloadTimer.isScheduled()) {
      checkOverload(a);
    }
  }

  /**
   * Runs the overload check for the agent and arms its timer for the moment the check says its
   * first item not yet at risk would become so, so that an agent whose backlog only ages (no new
   * work, no completion) is still found overloaded in time. The moment assumes the backlog, load
   * and handle time of this check; every queued personal item, completion, offer to the agent and
   * change of its definition checks again.
   */
  void checkOverload(LiveAgent a) {
    long again = affinity.checkOverload(a, clock.now, matcher, agents.values());
    Timer<LiveAgent> t = a.overloadTimer;
    if (again == Long.MAX_VALUE || a.removed) {
      timers.cancel(t);
    } else if (t == null || !t.isScheduled() || t.deadline() != again) {
      timers.schedule(overloadTimer(a), again);
    }
  }

  /** The agent's overload timer, made on first use. */
  Timer<LiveAgent> overloadTimer(LiveAgent a) {
    return a.overloadTimer != null ? a.overloadTimer
        : (a.overloadTimer = new Timer<>(overloadCheck, a));
  }
}
