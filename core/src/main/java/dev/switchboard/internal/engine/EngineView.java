package dev.switchboard.internal.engine;

import dev.switchboard.SelectionStrategy;
import java.util.Collection;

/** Read-only access to the engine's state for matchers and invariant checks. */
public interface EngineView {

  /** Agents in the order they were added. */
  Collection<LiveAgent> agents();

  /** The agent with this id, or null. */
  LiveAgent findAgent(String agentId);

  /** Live items in the order they were submitted. */
  Collection<LiveItem> items();

  /** The strategy choosing among eligible agents. */
  SelectionStrategy strategy();

  /** Sequence of the agent last offered work, -1 before the first offer (for round robin). */
  int roundRobinCursor();

  /** The fixed vocabulary of channels, skills and queues. */
  Registry registry();

  /** Engine time of the current command, in epoch nanoseconds. */
  long now();

  /** How relationships steer routing (personal work first, urgency margin). */
  dev.switchboard.affinity.AffinityOptions affinityOptions();

  /**
   * Of an agent's best waiting personal item (own or recent agent) and best shared one, the one
   * it takes first (either may be null): the engine's personal-first rule.
   */
  default LiveItem personalOrShared(LiveItem personal, LiveItem shared) {
    return Affinity.choose(personal, shared, now(), affinityOptions());
  }
}
