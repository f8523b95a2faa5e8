package dev.switchboard.kpi;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.time.Instant;

/** Builds engine events by hand, numbered in order, for tests that need no engine. */
final class Events {
  private long sequence;

  RoutingEvent agent(Instant at, String id, String team) {
    return new RoutingEvent.AgentAdded(++sequence, at,
        Agent.builder(id).channel(Channel.CHAT).team(team).build());
  }

  RoutingEvent available(Instant at, String agent) {
    return new RoutingEvent.PresenceChanged(++sequence, at, agent, Presence.OFFLINE,
        Presence.AVAILABLE);
  }

  RoutingEvent submitted(Instant at, String item, String queue, String conversation) {
    return new RoutingEvent.ItemSubmitted(++sequence, at, WorkItem.builder(item, Channel.CHAT)
        .customer("k").queue(queue).conversation(conversation).createdAt(at).build());
  }

  RoutingEvent queued(Instant at, String item, String queue) {
    return new RoutingEvent.ItemQueued(++sequence, at, item, queue, 0);
  }

  RoutingEvent assigned(Instant at, String item, String agent) {
    return new RoutingEvent.ItemAssigned(++sequence, at, item, agent, true, AffinityMatch.NONE,
        Duration.ZERO);
  }

  RoutingEvent completed(Instant at, String item, String agent) {
    return new RoutingEvent.ItemCompleted(++sequence, at, item, agent, Outcome.RESOLVED);
  }

  RoutingEvent abandoned(Instant at, String item) {
    return new RoutingEvent.ItemAbandoned(++sequence, at, item, ItemState.QUEUED);
  }
}
