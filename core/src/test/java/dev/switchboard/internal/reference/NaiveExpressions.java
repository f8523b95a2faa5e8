package dev.switchboard.internal.reference;

import dev.switchboard.Agent;
import dev.switchboard.Expression;
import dev.switchboard.Expression.Operand;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Routing expressions evaluated the obvious way, straight from the public model: each condition
 * reads the agent's definition and, for item references, the item's attributes as they are, with
 * no binding and no index. The oracle for the engine's bound, lane-shared expressions.
 */
final class NaiveExpressions {

  private NaiveExpressions() {}

  /** Does the agent meet the expression, for an item with these attributes (null: no item)? */
  static boolean holds(Expression e, Agent agent, Map<String, Object> item) {
    if (e instanceof Expression.And and) {
      return and.terms().stream().allMatch(t -> holds(t, agent, item));
    } else if (e instanceof Expression.Or or) {
      return or.terms().stream().anyMatch(t -> holds(t, agent, item));
    } else if (e instanceof Expression.Not not) {
      return !holds(not.term(), agent, item);
    } else if (e instanceof Expression.SkillLevel s) {
      return compare(agent.skills().getOrDefault(s.skill(), 0), s.comparison(), s.level());
    } else if (e instanceof Expression.Compare c) {
      return compare(c, agent, item);
    } else if (e instanceof Expression.In in) {
      return agentValue(agent, in.attribute()).filter(String.class::isInstance)
          .map(in.values()::contains).orElse(false);
    }
    Expression.Has has = (Expression.Has) e;
    Optional<Object> set = agentValue(agent, has.attribute());
    Object wanted = operand(has.value(), item);
    return set.isPresent() && set.get() instanceof Set<?> texts
        && wanted instanceof String && texts.contains(wanted);
  }

  /** The skills an expression names, sorted. */
  static Set<String> skills(Expression e) {
    Set<String> out = new TreeSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expression e, Set<String> out) {
    if (e instanceof Expression.And and) {
      and.terms().forEach(t -> collect(t, out));
    } else if (e instanceof Expression.Or or) {
      or.terms().forEach(t -> collect(t, out));
    } else if (e instanceof Expression.Not not) {
      collect(not.term(), out);
    } else if (e instanceof Expression.SkillLevel s) {
      out.add(s.skill());
    }
  }

  private static boolean compare(Expression.Compare c, Agent agent, Map<String, Object> item) {
    Optional<Object> mine = agentValue(agent, c.attribute());
    Object theirs = operand(c.operand(), item);
    if (mine.isEmpty() || theirs == null) {
      return false;
    }
    if (mine.get() instanceof String text) {
      if (!(theirs instanceof String other) || c.comparison().orders()) {
        return false;
      }
      return c.comparison() == Expression.Comparison.EQ ? text.equals(other) : !text.equals(other);
    }
    if (mine.get() instanceof Double number && theirs instanceof Double other) {
      return compare(number, c.comparison(), other);
    }
    return false;
  }

  private static boolean compare(double left, Expression.Comparison op, double right) {
    return switch (op) {
      case EQ -> left == right;
      case NE -> left != right;
      case LT -> left < right;
      case LE -> left <= right;
      case GT -> left > right;
      case GE -> left >= right;
    };
  }

  private static Optional<Object> agentValue(Agent agent, String name) {
    if (name.equals(Expression.TEAM)) {
      return agent.team().map(t -> t);
    }
    return Optional.ofNullable(agent.attributes().get(name));
  }

  /** A text, a number as a double, or null when there is none. */
  private static Object operand(Operand o, Map<String, Object> item) {
    Object v;
    if (o instanceof Operand.ItemAttribute ref) {
      v = item == null ? null : item.get(ref.name());
    } else if (o instanceof Operand.Number n) {
      v = n.value();
    } else {
      v = ((Operand.Text) o).value();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return v instanceof String ? v : null;
  }
}
