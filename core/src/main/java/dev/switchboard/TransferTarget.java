package dev.switchboard;

import dev.switchboard.internal.check.Checks;

/**
 * Where {@link Switchboard#transfer(String, TransferTarget)} sends an item.
 *
 * @since 0.1
 */
public sealed interface TransferTarget {

  /** To the first step of another queue's policy. */
  static TransferTarget queue(String queue) {
    return new ToQueue(queue);
  }

  /** To one agent, whatever their skills; the item waits for that agent. */
  static TransferTarget agent(String agentId) {
    return new ToAgent(agentId);
  }

  /** To the next step of the item's current policy, at once. */
  static TransferTarget nextStep() {
    return NextStep.INSTANCE;
  }

  /**
   * To the first step of a queue's policy.
   *
   * @param queue the queue name
   */
  record ToQueue(String queue) implements TransferTarget {
    /** Validates the queue name. */
    public ToQueue {
      Checks.id("queue", queue);
    }
  }

  /**
   * To one agent.
   *
   * @param agentId the agent's id
   */
  record ToAgent(String agentId) implements TransferTarget {
    /** Validates the agent id. */
    public ToAgent {
      Checks.id("agent id", agentId);
    }
  }

  /** To the next step of the current policy. */
  enum NextStep implements TransferTarget {
    /** The only instance. */
    INSTANCE
  }
}
