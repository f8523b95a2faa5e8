package dev.switchboard.internal.engine;

import dev.switchboard.Expression;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Who may take an item at its current step, reduced to a value: the channel, plus minimum skill
 * levels (optionally within a team), a set of named agents, or a routing expression with the
 * item's attributes bound into it. Items with equal eligibility compete for the same agents, so
 * the indexes keep one lane per distinct value.
 */
public final class Eligibility {

  private final int channel;
  private final int[] skills;
  private final int[] levels;
  private final String team;
  private final Set<String> agents;
  private final boolean personal;
  /** A bound expression (constants only), or null; {@link #skills} are then the skills it names. */
  private final Expression expression;
  private final int hash;

  private Eligibility(int channel, int[] skills, int[] levels, String team, Set<String> agents,
      boolean personal) {
    this(channel, skills, levels, team, agents, personal, null);
  }

  private Eligibility(int channel, int[] skills, int[] levels, String team, Set<String> agents,
      boolean personal, Expression expression) {
    this.channel = channel;
    this.expression = expression;
    this.skills = skills;
    this.levels = levels;
    this.team = team;
    this.agents = agents;
    this.personal = personal;
    int h = hash(channel, skills, levels, team, agents, personal);
    this.hash = expression == null ? h : 31 * h + expression.hashCode();
  }

  /**
   * The value {@code Objects.hash(channel, Arrays.hashCode(skills), Arrays.hashCode(levels),
   * team, agents, personal)} gives (so hash-map order is as before), without its varargs array
   * and boxed integers: one eligibility is made per routed item.
   */
  static int hash(int channel, int[] skills, int[] levels, String team, Set<String> agents,
      boolean personal) {
    int h = 31 + channel;
    h = 31 * h + Arrays.hashCode(skills);
    h = 31 * h + Arrays.hashCode(levels);
    h = 31 * h + (team == null ? 0 : team.hashCode());
    h = 31 * h + (agents == null ? 0 : agents.hashCode());
    return 31 * h + Boolean.hashCode(personal);
  }

  /** Agents with these minimum levels (skill indexes ascending), optionally within a team. */
  static Eligibility skills(int channel, int[] skills, int[] levels, String team) {
    return new Eligibility(channel, skills, levels, team, null, false);
  }

  /**
   * Agents meeting a bound expression (see {@code Expressions.bind}); {@code skills} are the
   * skills it names, ascending, which order agents under the highest-proficiency strategy.
   */
  static Eligibility expression(int channel, Expression bound, int[] skills) {
    return new Eligibility(channel, skills, new int[skills.length], null, null, false, bound);
  }

  /** The named agents, whatever their skills. */
  static Eligibility agents(int channel, Set<String> agentIds) {
    return new Eligibility(channel, new int[0], new int[0], null, Set.copyOf(agentIds), false);
  }

  /**
   * The customer's own or recent agents, whatever their skills: personal work for each of them,
   * which they take before shared work (see {@code AffinityOptions.personalFirst}). May be empty.
   */
  static Eligibility personal(int channel, Set<String> agentIds) {
    return new Eligibility(channel, new int[0], new int[0], null, Set.copyOf(agentIds), true);
  }

  /** Index of the channel. */
  public int channel() {
    return channel;
  }

  /** Number of skill requirements. */
  public int skillCount() {
    return skills.length;
  }

  /** The skill index of requirement {@code i}. */
  public int skill(int i) {
    return skills[i];
  }

  /** The minimum level of requirement {@code i}. */
  public int minimumLevel(int i) {
    return levels[i];
  }

  /** The team required, or null. */
  public String team() {
    return team;
  }

  /** The named agents, or null when eligibility is by skills. */
  public Set<String> agents() {
    return agents;
  }

  /**
   * The bound routing expression agents must meet, or null; its skills are also the
   * eligibility's requirements, each at level 0, so they add no condition of their own.
   */
  public Expression expression() {
    return expression;
  }

  /** True for the customer's own or recent agents: personal work for them. */
  public boolean personal() {
    return personal;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Eligibility e
        && e.hash == hash
        && e.channel == channel
        && Arrays.equals(e.skills, skills)
        && Arrays.equals(e.levels, levels)
        && Objects.equals(e.team, team)
        && Objects.equals(e.agents, agents)
        && e.personal == personal
        && Objects.equals(e.expression, expression);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "Eligibility[channel=" + channel + ", skills=" + Arrays.toString(skills) + ", levels="
        + Arrays.toString(levels) + ", team=" + team + ", agents=" + agents
        + (personal ? ", personal" : "")
        + (expression != null ? ", expression=" + expression : "") + "]";
  }
}
