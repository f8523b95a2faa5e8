package dev.switchboard;

import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who may take an item at one step of a routing policy. Every target also needs free capacity on
 * the item's channel.
 *
 * @since 0.1
 */
public sealed interface Target {

  /** Agents with the item's own required skills. The usual last step. */
  static Target requiredSkills() {
    return RequiredSkills.INSTANCE;
  }

  /** Agents with these minimum skill levels, in place of the item's own requirement. */
  static Target skills(Map<String, Integer> minimumLevels) {
    return new Skills(minimumLevels);
  }

  /** Members of the team who also have the item's required skills. */
  static Target team(String team) {
    return new Team(team);
  }

  /** The named agents, whatever their skills (an explicit choice overrides the requirement). */
  static Target agents(String... agentIds) {
    return new Agents(new LinkedHashSet<>(List.of(agentIds)));
  }

  /**
   * The customer's owner (personal agent), whatever its skills, when the owner takes work on the
   * item's channel. An affinity step: a customer with no owner passes over it at once.
   */
  static Target ownAgent() {
    return OwnAgent.INSTANCE;
  }

  /**
   * The agents the customer dealt with recently (see {@code AffinityOptions.recentFor}), whatever
   * their skills. An affinity step: a customer with no recent agent passes over it at once.
   */
  static Target recentAgents() {
    return RecentAgents.INSTANCE;
  }

  /**
   * Agents meeting a routing expression (or, not, skill levels, attributes, the item's own
   * attributes), in place of the item's own requirement.
   */
  static Target expression(Expression expression) {
    return new Matching(expression);
  }

  /**
   * Agents meeting the expression written as text, e.g. {@code billing >= 5 or (billing >= 3 and
   * escalations >= 1)}; see {@link ExpressionSyntax}.
   *
   * @throws ExpressionSyntax.SyntaxException when the text is not an expression
   */
  static Target of(String expression) {
    return new Matching(ExpressionSyntax.parse(expression));
  }

  /** True for the targets that resolve to the customer's own or recent agents. */
  default boolean isAffinity() {
    return this instanceof OwnAgent || this instanceof RecentAgents;
  }

  /** The customer's owner. */
  enum OwnAgent implements Target {
    /** The only instance. */
    INSTANCE
  }

  /** The customer's recent agents. */
  enum RecentAgents implements Target {
    /** The only instance. */
    INSTANCE
  }

  /** Agents with the item's own required skills. */
  enum RequiredSkills implements Target {
    /** The only instance. */
    INSTANCE
  }

  /**
   * Agents with these minimum skill levels, in place of the item's own requirement.
   *
   * @param minimumLevels skill name to minimum level, 1 to 10; empty means any agent on the channel
   */
  record Skills(Map<String, Integer> minimumLevels) implements Target {
    /** Validates and copies the levels. */
    public Skills {
      Objects.requireNonNull(minimumLevels, "minimumLevels");
      Map<String, Integer> copy = new LinkedHashMap<>();
      minimumLevels.forEach((skill, level) -> copy.put(Checks.id("skill name", skill),
          Checks.level("target minimum level", skill, level)));
      minimumLevels = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * Members of a team who also have the item's required skills.
   *
   * @param team the team name
   */
  record Team(String team) implements Target {
    /** Validates the team name. */
    public Team {
      Checks.id("team", team);
    }
  }

  /**
   * Named agents, whatever their skills.
   *
   * @param agentIds at least one agent id
   */
  record Agents(Set<String> agentIds) implements Target {
    /** Validates and copies the ids. */
    public Agents {
      Objects.requireNonNull(agentIds, "agentIds");
      if (agentIds.isEmpty()) {
        throw new IllegalArgumentException("an agents target names at least one agent");
      }
      Set<String> copy = new LinkedHashSet<>();
      agentIds.forEach(a -> copy.add(Checks.id("agent id", a)));
      agentIds = Collections.unmodifiableSet(copy);
    }
  }

  /**
   * Agents meeting a routing expression.
   *
   * @param expression the condition on the agent (and the item's attributes)
   */
  record Matching(Expression expression) implements Target {
    /** Checks the expression is present. */
    public Matching {
      Objects.requireNonNull(expression, "expression");
    }
  }
}
