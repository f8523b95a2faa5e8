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
}
