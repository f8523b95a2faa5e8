package dev.switchboard.internal.reference;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Expression;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.Target;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.RecentContact;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.HeldItem;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules restated from the public model (agent definitions, work items, policies)
 * with nothing but loops and counts, so that the reference matcher and the invariant checker do
 * not share a line with the engine's flattened arrays or the indexes they check.
 */
final class ReferenceRules {

  private final EngineView view;

  ReferenceRules(EngineView view) {
    this.view = view;
  }

  /**
   * Who may take an item, in the public vocabulary; {@code personal} when the agents are the
   * customer's own or recent ones.
   */
  record Requirement(Channel channel, Map<String, Integer> minimumLevels, String team,
      Set<String> agentIds, boolean personal, Expression expression,
      Map<String, Object> itemAttributes) {

    Requirement(Channel channel, Map<String, Integer> minimumLevels, String team,
        Set<String> agentIds) {
      this(channel, minimumLevels, team, agentIds, false, null, null);
    }

    Requirement(Channel channel, Map<String, Integer> minimumLevels, String team,
        Set<String> agentIds, boolean personal) {
      this(channel, minimumLevels, team, agentIds, personal, null, null);
    }

    /** Agents meeting the expression, read against these item attributes (null: none). */
    static Requirement matching(Channel channel, Expression expression,
        Map<String, Object> itemAttributes) {
      Map<String, Integer> named = new LinkedHashMap<>();
      NaiveExpressions.skills(expression).forEach(skill -> named.put(skill, 0));
      return new Requirement(channel, named, null, null, false, expression, itemAttributes);
    }

    /** True when the agent may take such work, ignoring presence and load. */
    boolean admits(LiveAgent agent) {
      Agent d = agent.definition();
      if (d.capacityOn(channel) == 0) {
        return false;
      }
      if (agentIds != null) {
        return agentIds.contains(d.id());
      }
      if (team != null && !team.equals(d.team().orElse(null))) {
        return false;
      }
      for (Map.Entry<String, Integer> e : minimumLevels.entrySet()) {
        if (d.level(e.getKey()) < e.getValue()) {
          return false;
        }
      }
      return expression == null || NaiveExpressions.holds(expression, d, itemAttributes);
    }

    /** Summed proficiency over the required skills. */
    int proficiency(LiveAgent agent) {
      int sum = 0;
      for (String skill : minimumLevels.keySet()) {
        sum += agent.definition().level(skill);
      }
      return sum;
    }
  }

  /**
   * Who may take the item now: the agent it was transferred to, the agents meeting the expression
   * it was transferred to, or its policy step's target.
   */
  Requirement requirement(LiveItem item) {
    Channel channel = item.item().channel();
    if (item.pinnedAgent() != null) {
      return new Requirement(channel, Map.of(), null, Set.of(item.pinnedAgent()));
    }
    if (item.pinnedExpression() != null) {
      return Requirement.matching(channel, item.pinnedExpression(), item.item().attributes());
    }
    PolicyStep step = view.registry().policy(item.queue()).steps().get(item.step());
    Target target = step.target();
    if (target instanceof Target.Agents named) {
      return new Requirement(channel, Map.of(), null, named.agentIds());
    }
    if (target instanceof Target.OwnAgent || target instanceof Target.RecentAgents) {
      return new Requirement(channel, Map.of(), null, affinityAgents(target, item.relationships()),
          true);
    }
    if (target instanceof Target.Skills skills) {
      return new Requirement(channel, skills.minimumLevels(), null, null);
    }
    if (target instanceof Target.Matching m) {
      return Requirement.matching(channel, m.expression(), item.item().attributes());
    }
    String team = target instanceof Target.Team t ? t.team() : null;
    return new Requirement(channel, item.item().requiredSkills(), team, null);
  }

  /**
   * The agents an affinity step waits for, from the relationships the step was resolved from:
   * the owner, or every recent agent. None when the item carries no relationships.
   */
  private static Set<String> affinityAgents(Target target, Relationships r) {
    if (r == null) {
      return Set.of();
    }
    if (target instanceof Target.OwnAgent) {
      return r.owner().isPresent() ? Set.of(r.owner().get()) : Set.of();
    }
    Set<String> ids = new java.util.HashSet<>();
    for (RecentContact c : r.recent()) {
      ids.add(c.agentId());
    }
    return ids;
  }

  /**
   * Personal work first (AffinityOptions): of the best personal and best shared item, the
   * personal one, unless the shared one is due within the urgency margin (or overdue) and the
   * personal one is not; without personal-first, backlog order.
   */
  static LiveItem personalFirst(LiveItem personal, LiveItem shared, long now,
      AffinityOptions options) {
    if (personal == null) {
      return shared;
    }
    if (shared == null) {
      return personal;
    }
    if (!options.personalFirst()) {
      return BACKLOG.compare(personal, shared) < 0 ? personal : shared;
    }
    Instant t = instant(now);
    Instant margin = t.plus(options.urgentWithin());
    boolean sharedDueSoon = shared.slaDeadline() != Long.MAX_VALUE
        && !instant(shared.slaDeadline()).isAfter(margin);
    boolean personalDueSoon = personal.slaDeadline() != Long.MAX_VALUE
        && !instant(personal.slaDeadline()).isAfter(margin);
    return sharedDueSoon && !personalDueSoon ? shared : personal;
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  /**
   * The engine's eligibility value read through its accessors only. Skill indexes are turned back
   * into names through the registry; an index no agent's skill maps to gets a name no agent can
   * have (skill names are validated ids, which never contain a space).
   */
  Requirement requirement(Eligibility eligibility) {
    Channel channel = view.registry().channel(eligibility.channel());
    if (eligibility.agents() != null) {
      return new Requirement(channel, Map.of(), null, eligibility.agents());
    }
    if (eligibility.expression() != null) {
      return Requirement.matching(channel, eligibility.expression(), null);
    }
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (int i = 0; i < eligibility.skillCount(); i++) {
      levels.put(skillName(eligibility.skill(i)), eligibility.minimumLevel(i));
    }
    return new Requirement(channel, levels, eligibility.team(), null);
  }

  private String skillName(int index) {
    for (LiveAgent a : view.agents()) {
      for (String skill : a.definition().skills().keySet()) {
        if (view.registry().skillIndex(skill) == index) {
          return skill;
        }
      }
    }
    return "no agent has skill " + index;
  }

  /**
   * True when an item of the channel may be offered to the agent now, counted from what the agent
   * holds: available, room on the channel and in total, no exclusive work held, and nothing at all
   * held when the channel itself is exclusive.
   */
  boolean isFree(LiveAgent agent, Channel channel) {
    if (agent.presence().status() != Presence.Status.AVAILABLE) {
      return false;
    }
    Agent d = agent.definition();
    int onChannel = 0;
    int total = 0;
    boolean holdsExclusive = false;
    for (HeldItem it : agent.held()) {
      Channel c = view.registry().channel(it.channel());
      total++;
      if (c.equals(channel)) {
        onChannel++;
      }
      if (d.exclusiveChannels().contains(c)) {
        holdsExclusive = true;
      }
    }
    return onChannel < d.capacityOn(channel)
        && total < d.effectiveTotalCapacity()
        && !holdsExclusive
        && (!d.exclusiveChannels().contains(channel) || total == 0);
  }

  /** Backlog order: priority desc, SLA deadline asc (none last), created asc, submitted first. */
  static final Comparator<LiveItem> BACKLOG = Comparator
      .comparingInt((LiveItem it) -> -it.priority())
      .thenComparingLong(LiveItem::slaDeadline)
      .thenComparingLong(LiveItem::createdAt)
      .thenComparingLong(LiveItem::sequence);

  /** Longest idle first, then the agent added first. */
  static final Comparator<LiveAgent> LONGEST_IDLE = Comparator
      .comparingLong(LiveAgent::lastActivity)
      .thenComparingInt(LiveAgent::sequence);

  /** Lowest share of total capacity in use (compared exactly), then longest idle. */
  static final Comparator<LiveAgent> LEAST_OCCUPIED = ((Comparator<LiveAgent>) (a, b) ->
      Long.compare((long) a.held().size() * b.definition().effectiveTotalCapacity(),
          (long) b.held().size() * a.definition().effectiveTotalCapacity()))
      .thenComparing(LONGEST_IDLE);
}
