package dev.switchboard.internal.engine;

import dev.switchboard.Expression;
import dev.switchboard.PolicyStep;
import dev.switchboard.Target;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.expression.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Who may take an item at a policy step: the step's target turned into an {@link Eligibility},
 * shared between items with the same requirement (less heap per waiting item) and remembered per
 * skill requirement, so that the common case is a lookup rather than a sort and an interning.
 */
final class Eligibilities {

  private final Registry registry;
  private final Affinity affinity;
  private final EngineClock clock;
  private final Map<Eligibility, Eligibility> interned = new HashMap<>();
  /**
   * Per channel, the eligibility of each skill requirement (without a team) seen so far, keyed by
   * the immutable requirement map itself: an item's requirement is then one map lookup, not a
   * sort and an interning.
   */
  private final List<Map<Map<String, Integer>, Eligibility>> bySkills = new ArrayList<>();
  /** Per channel, skill name to the eligibility of each minimum level, for one-skill steps. */
  private final List<Map<String, Eligibility[]>> byOneSkill = new ArrayList<>();
  /**
   * Per expression target (policies are fixed, so by identity): the skill indexes it names, and
   * per channel the eligibility of a target that reads no item attribute.
   */
  private final Map<Target.Matching, int[]> expressionSkills = new IdentityHashMap<>();
  private final Map<Target.Matching, Eligibility[]> constantExpressions = new IdentityHashMap<>();
  private String oneSkill;
  private int oneLevel;
  /** Reads a one-entry requirement into {@link #oneSkill} and {@link #oneLevel}; made once. */
  private final BiConsumer<String, Integer> takeOneSkill = (skill, level) -> {
    oneSkill = skill;
    oneLevel = level;
  };

  Eligibilities(Registry registry, Affinity affinity, EngineClock clock) {
    this.registry = registry;
    this.affinity = affinity;
    this.clock = clock;
  }

  /**
   * The eligibility of the item at the step: {@link #compute}, remembered per skill requirement
   * for steps by skills alone (the item's own requirement, or the step's).
   */
  Eligibility of(LiveItem it, PolicyStep step) {
    Target target = step.target();
    if (target instanceof Target.Matching m) {
      return matching(it, m);
    }
    Map<String, Integer> levels = target instanceof Target.Skills s ? s.minimumLevels()
        : target == Target.requiredSkills() ? it.item().requiredSkills() : null;
    if (levels == null) {
      return compute(it, step);
    }
    int c = it.channel();
    while (bySkills.size() <= c) {
      bySkills.add(new HashMap<>());
      byOneSkill.add(new HashMap<>());
    }
    if (levels.size() == 1) {
      // the common case, looked up by name and level: a map key's equals would iterate entries
      levels.forEach(takeOneSkill);
      Eligibility[] byLevel = byOneSkill.get(c).computeIfAbsent(oneSkill,
          skill -> new Eligibility[Checks.MAX_LEVEL + 1]);
      Eligibility e = byLevel[oneLevel];
      if (e == null) {
        e = byLevel[oneLevel] = compute(it, step);
      }
      return e;
    }
    Map<Map<String, Integer>, Eligibility> known = bySkills.get(c);
    Eligibility e = known.get(levels);
    if (e == null) {
      e = compute(it, step);
      known.put(levels, e);
    }
    return e;
  }

  /**
   * The eligibility of an expression step: the expression with the item's attributes bound in,
   * interned, so items asking the same (the same region, the same language) share a lane. A
   * target reading no item attribute has one eligibility per channel, remembered.
   */
  private Eligibility matching(LiveItem it, Target.Matching m) {
    Expression e = m.expression();
    int c = it.channel();
    Eligibility[] perChannel = null;
    if (!Expressions.readsItem(e)) {
      perChannel = constantExpressions.computeIfAbsent(m,
          k -> new Eligibility[registry.channelCount()]);
      if (perChannel[c] != null) {
        return perChannel[c];
      }
    }
    int[] skills = expressionSkills.computeIfAbsent(m, k -> skillIndexes(k.expression()));
    Eligibility result = bound(c, e, skills, it);
    if (perChannel != null) {
      perChannel[c] = result;
    }
    return result;
  }

  /**
   * The eligibility of an item transferred to agents meeting the expression (a pin, not a policy
   * step): the expression with the item's attributes bound in, interned like a step's.
   */
  Eligibility pinned(LiveItem it, Expression e) {
    return bound(it.channel(), e, skillIndexes(e), it);
  }

  /** The skill indexes the expression names, ascending. */
  private int[] skillIndexes(Expression e) {
    Set<String> names = new LinkedHashSet<>();
    Expressions.names(e, names, new LinkedHashSet<>());
    return names.stream().mapToInt(registry::skillIndex).sorted().toArray();
  }

  /** The interned eligibility of the expression with the item's attributes bound in. */
  private Eligibility bound(int channel, Expression e, int[] skills, LiveItem it) {
    Eligibility made = Eligibility.expression(channel, Expressions.bind(e, it.item().attributes()),
        skills);
    Eligibility known = interned.putIfAbsent(made, made);
    return known != null ? known : made;
  }

  private Eligibility compute(LiveItem it, PolicyStep step) {
    Target target = step.target();
    if (target.isAffinity()) {
      return Affinity.eligibility(it.channel(), target,
          affinity.lookup(it.item().customerId(), clock.now));
    }
    if (target instanceof Target.Agents named) {
      return Eligibility.agents(it.channel(), named.agentIds());
    }
    Map<String, Integer> levels = target instanceof Target.Skills s
        ? s.minimumLevels() : it.item().requiredSkills();
    int[] skills = new int[levels.size()];
    int[] mins = new int[levels.size()];
    int[] filled = new int[1];
    levels.forEach((skill, level) -> { // sorted by skill index as inserted: a handful of skills
      int index = registry.skillIndex(skill);
      int k = filled[0]++;
      for (; k > 0 && skills[k - 1] > index; k--) {
        skills[k] = skills[k - 1];
        mins[k] = mins[k - 1];
      }
      skills[k] = index;
      mins[k] = level;
    });
    String team = target instanceof Target.Team t ? t.team() : null;
    Eligibility e = Eligibility.skills(it.channel(), skills, mins, team);
    // items with the same requirement share one value: less heap per waiting item
    Eligibility known = interned.putIfAbsent(e, e);
    return known != null ? known : e;
  }
}
