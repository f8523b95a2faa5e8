package dev.switchboard.insights;

import dev.switchboard.Agent;
import dev.switchboard.SwitchboardBuilder;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A change to try on a {@link Workload} before making it for real: agents added, a skill given,
 * or the engine configured differently (a policy step's wait shortened, a queue's policy
 * replaced).
 *
 * @since 0.2
 */
public sealed interface Change {

  /**
   * Adds {@code count} agents defined like {@code template}, with ids {@code <template id>-1},
   * {@code -2}, ...
   *
   * @param count agents to add, at least 1
   * @param template their skills, channels and capacity
   */
  record AddAgents(int count, Agent template) implements Change {
    /** Checks the count. */
    public AddAgents {
      if (count < 1) {
        throw new IllegalArgumentException("count is " + count + "; add at least 1 agent");
      }
      Objects.requireNonNull(template, "template");
    }
  }

  /**
   * Gives an agent of the workload a skill at a level (or changes its level).
   *
   * @param agentId the agent, which must be in the workload
   * @param skill the skill
   * @param level the level, at least 1
   */
  record GiveSkill(String agentId, String skill, int level) implements Change {
    /** Checks the fields. */
    public GiveSkill {
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(skill, "skill");
      if (level < 1) {
        throw new IllegalArgumentException("level is " + level + "; it must be at least 1");
      }
    }
  }

  /**
   * Configures the engine differently from the host's configuration (for example the same queues
   * with a shorter wait at an affinity step). The function replaces the host's own; it must
   * declare every skill and queue the workload uses.
   *
   * @param configure the engine configuration to try
   */
  record Engine(UnaryOperator<SwitchboardBuilder> configure)
      implements Change {
    /** Checks the function is present. */
    public Engine {
      Objects.requireNonNull(configure, "configure");
    }
  }
}
