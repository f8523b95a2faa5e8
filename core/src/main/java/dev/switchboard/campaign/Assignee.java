package dev.switchboard.campaign;

import dev.switchboard.internal.check.Checks;

/**
 * Who a campaign is assigned to: one agent, or every member of a team. An assignment to an agent
 * takes precedence over one to the agent's team for the same campaign.
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
}
