package dev.switchboard.campaign;

import dev.switchboard.Expression;
import dev.switchboard.ExpressionSyntax;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.expression.Expressions;
import java.util.Objects;

/**
 * Who a campaign is assigned to: one agent, every member of a team, or every agent meeting a
 * routing expression. For the same campaign an assignment to an agent takes precedence over one
 * to the agent's team, and both over assignments by expression; among those, the first made that
 * the agent meets applies.
 *
 * @since 0.1
 */
public sealed interface Assignee {

  /** One agent. */
  static Assignee agent(String agentId) {
    return new AgentAssignee(agentId);
  }

  /** Every member of the team, as membership is at the moment work is blended. */
  static Assignee team(String team) {
    return new TeamAssignee(team);
  }

  /**
   * Every agent meeting the routing expression (skill levels, attributes, team; it cannot read an
   * item's attributes, as there is no item yet), as the agent is defined at the moment work is
   * blended. Its skills must be registered and its agent attributes declared, or the assignment
   * is refused.
   *
   * @throws IllegalArgumentException when the expression reads an item attribute
   * @since 0.4
   */
  static Assignee matching(Expression expression) {
    return new MatchingAssignee(expression);
  }

  /**
   * Every agent meeting the expression written as text, e.g. {@code not agent.team == "trainees"};
   * see {@link #matching(Expression)} and {@link ExpressionSyntax}.
   *
   * @throws ExpressionSyntax.SyntaxException when the text is not an expression
   * @since 0.4
   */
  static Assignee matching(String expression) {
    return new MatchingAssignee(ExpressionSyntax.parse(expression));
  }

  /**
   * One agent.
   *
   * @param agentId the agent's id
   */
  record AgentAssignee(String agentId) implements Assignee {
    /** Checks the id. */
    public AgentAssignee {
      Checks.id("agent id", agentId);
    }
  }

  /**
   * A team.
   *
   * @param team the team's name
   */
  record TeamAssignee(String team) implements Assignee {
    /** Checks the name. */
    public TeamAssignee {
      Checks.id("team", team);
    }
  }

  /**
   * Agents meeting a routing expression.
   *
   * @param expression the condition on the agent; reads no item attribute
   * @since 0.4
   */
  record MatchingAssignee(Expression expression) implements Assignee {
    /** Checks the expression is present and reads no item attribute. */
    public MatchingAssignee {
      Objects.requireNonNull(expression, "expression");
      if (Expressions.readsItem(expression)) {
        throw new IllegalArgumentException("campaign assignee '" + expression + "' reads an item"
            + " attribute; an assignee is chosen before there is an item, so it may read the"
            + " agent's skills and attributes only");
      }
    }
  }
}
