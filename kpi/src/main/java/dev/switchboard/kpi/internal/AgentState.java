package dev.switchboard.kpi.internal;

import dev.switchboard.Presence;
import java.time.Instant;

/**
 * An agent's team, presence and held work, and the time up to which its busy and staffed time
 * has been counted; kept while the agent exists.
 */
final class AgentState {
  final String id;
  String team;
  Presence.Status status = Presence.Status.OFFLINE;
  int held;
  Instant since;

  AgentState(String id, Instant since) {
    this.id = id;
    this.since = since;
  }

  /** Holding at least one assigned or wrapping-up item. */
  boolean busy() {
    return held > 0;
  }

  /** Holding work or available for it. */
  boolean staffed() {
    return held > 0 || status == Presence.Status.AVAILABLE;
  }
}
