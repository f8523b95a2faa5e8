package dev.switchboard;

import dev.switchboard.internal.check.Checks;
import java.util.Objects;

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
   * To any agent meeting the routing expression (which may read the item's own attributes); the
   * item then waits for such an agent, whatever its policy says, until it is transferred again.
   * The expression's skills must be registered and its agent attributes declared (see {@code
   * SwitchboardBuilder.agentAttributes}), or the transfer is refused. An expression no agent meets
   * is allowed: the item waits, and its SLA clocks and their escalations still run.
   *
   * @since 0.4
   */
  static TransferTarget matching(Expression expression) {
    return new Matching(expression);
  }

  /**
   * To any agent meeting the expression written as text, e.g. {@code billing >= 5 or escalations
   * >= 1}; see {@link #matching(Expression)} and {@link ExpressionSyntax}.
   *
   * @throws ExpressionSyntax.SyntaxException when the text is not an expression
   * @since 0.4
   */
  static TransferTarget matching(String expression) {
    return new Matching(ExpressionSyntax.parse(expression));
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

  /**
   * To any agent meeting a routing expression.
   *
   * @param expression the condition on the agent (and the item's attributes)
   * @since 0.4
   */
  record Matching(Expression expression) implements TransferTarget {
    /** Checks the expression is present. */
    public Matching {
      Objects.requireNonNull(expression, "expression");
    }
  }

  /** To the next step of the current policy. */
  enum NextStep implements TransferTarget {
    /** The only instance. */
    INSTANCE
  }
}
