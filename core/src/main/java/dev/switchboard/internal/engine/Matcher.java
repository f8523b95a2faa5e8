package dev.switchboard.internal.engine;

import java.util.List;

/**
 * The two routing decisions, and the bookkeeping they need. The engine owns all state and tells
 * the matcher about every change; the matcher answers "which agent for this item" and "which item
 * for this agent" under the engine's rules (eligibility, free capacity, declines, strategy,
 * backlog order). The indexed implementation is the production one; a reference implementation
 * with linear scans checks it in tests.
 */
public interface Matcher {

  /** An agent joined; it is in its initial state. */
  void agentAdded(LiveAgent agent);

  /** An agent is leaving (or being redefined); called before its state is discarded. */
  void agentRemoved(LiveAgent agent);

  /** The agent's presence, load or idle clock is about to change. */
  void beforeAgentChange(LiveAgent agent);

  /** The change announced by {@link #beforeAgentChange} is done. */
  void afterAgentChange(LiveAgent agent);

  /** The item, with its eligibility set, starts waiting. */
  void enqueue(LiveItem item);

  /** The waiting item stops waiting. */
  void dequeue(LiveItem item);

  /**
   * The agent to offer the item to: free for the item's channel, admitted by its eligibility, not
   * declined at this step, best by the strategy; null when there is none.
   */
  LiveAgent bestAgent(LiveItem item);

  /**
   * The waiting item to offer the agent: one the agent is admitted to and free for, not declined
   * by it; of those, the first in backlog order among personal items (own or recent agent) and
   * among shared ones, then {@link EngineView#personalOrShared} between the two; null when none.
   */
  LiveItem bestItem(LiveAgent agent);

  /**
   * The waiting items whose eligibility names the agent (own or recent agent, named agents,
   * transfers to it) on any channel, in any order.
   */
  List<LiveItem> waitingFor(LiveAgent agent);

  /** True when some logged-in agent (available or away) is admitted by the eligibility. */
  boolean anyLoggedIn(Eligibility eligibility);

  /**
   * The waiting items whose eligibility admits no logged-in agent, in any order (the engine
   * sorts them). Asked after an agent logs out, is removed or is redefined.
   */
  List<LiveItem> unstaffedWaiting();
}
