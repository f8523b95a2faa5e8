package dev.switchboard;

/**
 * How the engine picks one agent when several eligible agents have free capacity for an item.
 * Every strategy breaks remaining ties by the order in which agents were added, so decisions are
 * deterministic.
 *
 * @since 0.1
 */
public enum SelectionStrategy {
  /**
   * The agent who has gone longest without an offer (counting from becoming available), by the
   * order of those moments rather than clock readings, so agents made available or offered work
   * at the same instant still take turns. This spreads work evenly. The default.
   */
  LONGEST_IDLE,
  /** The agent with the lowest share of total capacity in use, then the longest idle. */
  LEAST_OCCUPIED,
  /**
   * The agent with the highest summed proficiency in the skills the step requires, then the
   * longest idle.
   */
  HIGHEST_PROFICIENCY,
  /** The next agent after the one last offered work, in the order agents were added, wrapping. */
  ROUND_ROBIN
}
