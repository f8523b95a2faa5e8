package dev.switchboard.internal.expression;

import dev.switchboard.Agent;
import dev.switchboard.Expression;
import dev.switchboard.Expression.Operand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates routing expressions against agent definitions, and binds an item's attributes into
 * an expression: the bound value names constants only, so items that ask the same thing (the
 * same region, the same language) get equal values and share one lane of the index.
 */
public final class Expressions {

  private Expressions() {}

  /**
   * True when the agent meets the expression; item attributes are read from {@code item} (null
   * for a bound expression: a reference left in it is one the item could not satisfy, so false).
   */
  public static boolean test(Expression e, Agent agent, Map<String, Object> item) {
    // index loops and no boxed numbers: campaign blending tests assignees on every decision
    if (e instanceof Expression.And and) {
      List<Expression> terms = and.terms();
      for (int i = 0; i < terms.size(); i++) {
        if (!test(terms.get(i), agent, item)) {
          return false;
        }
      }
      return true;
    } else if (e instanceof Expression.Or or) {
      List<Expression> terms = or.terms();
      for (int i = 0; i < terms.size(); i++) {
        if (test(terms.get(i), agent, item)) {
          return true;
        }
      }
      return false;
    } else if (e instanceof Expression.Not not) {
      return !test(not.term(), agent, item);
    } else if (e instanceof Expression.SkillLevel s) {
      return s.comparison().test(agent.level(s.skill()), s.level());
    } else if (e instanceof Expression.Compare c) {
      Object mine = attribute(agent, c.attribute());
      if (c.operand() instanceof Operand.Number n) {
        return mine instanceof Double a && c.comparison().test(a, n.value());
      }
      Object theirs = c.operand() instanceof Operand.Text t ? t.value()
          : item == null ? null : item.get(((Operand.ItemAttribute) c.operand()).name());
      if (mine instanceof String a && theirs instanceof String b) {
        return switch (c.comparison()) {
          case EQ -> a.equals(b);
          case NE -> !a.equals(b);
          default -> false;
        };
      }
      return mine instanceof Double a && theirs instanceof Number b
          && c.comparison().test(a, b.doubleValue());
    } else if (e instanceof Expression.In in) {
      return attribute(agent, in.attribute()) instanceof String a && in.values().contains(a);
    } else if (e instanceof Expression.Has has) {
      return attribute(agent, has.attribute()) instanceof Set<?> set
          && value(has.value(), item) instanceof String v && set.contains(v);
    }
    throw new AssertionError("unknown expression " + e);
  }

  /** The agent's attribute: its team for {@value Expression#TEAM}; null when it has none. */
  static Object attribute(Agent agent, String name) {
    return name.equals(Expression.TEAM) ? agent.team().orElse(null) : agent.attributes().get(name);
  }

  /** The operand's value: a String, a Double, or null when the item lacks a usable one. */
  static Object value(Operand o, Map<String, Object> item) {
    if (o instanceof Operand.Text t) {
      return t.value();
    } else if (o instanceof Operand.Number n) {
      return n.value();
    }
    Object v = item == null ? null : item.get(((Operand.ItemAttribute) o).name());
    if (v instanceof String) {
      return v;
    }
    return v instanceof Number n ? n.doubleValue() : null;
  }

  /** True when the expression reads an attribute of the item. */
  public static boolean readsItem(Expression e) {
    if (e instanceof Expression.And and) {
      return and.terms().stream().anyMatch(Expressions::readsItem);
    } else if (e instanceof Expression.Or or) {
      return or.terms().stream().anyMatch(Expressions::readsItem);
    } else if (e instanceof Expression.Not not) {
      return readsItem(not.term());
    } else if (e instanceof Expression.Compare c) {
      return c.operand() instanceof Operand.ItemAttribute;
    } else if (e instanceof Expression.Has h) {
      return h.value() instanceof Operand.ItemAttribute;
    }
    return false;
  }

  /**
   * The expression with each item attribute it reads replaced by the item's value, a text or a
   * number; a reference the item cannot satisfy (absent, another type, a text where a number is
   * ordered) stays, and is false when the bound value is tested.
   */
  public static Expression bind(Expression e, Map<String, Object> item) {
    if (!readsItem(e)) {
      return e;
    }
    if (e instanceof Expression.And and) {
      return new Expression.And(bindAll(and.terms(), item));
    } else if (e instanceof Expression.Or or) {
      return new Expression.Or(bindAll(or.terms(), item));
    } else if (e instanceof Expression.Not not) {
      return new Expression.Not(bind(not.term(), item));
    } else if (e instanceof Expression.Compare c) {
      Object v = value(c.operand(), item);
      if (v instanceof Double d) {
        return new Expression.Compare(c.attribute(), c.comparison(), new Operand.Number(d));
      }
      if (v instanceof String s && !c.comparison().orders()) {
        return new Expression.Compare(c.attribute(), c.comparison(), new Operand.Text(s));
      }
      return e;
    } else if (e instanceof Expression.Has h) {
      return value(h.value(), item) instanceof String s
          ? new Expression.Has(h.attribute(), new Operand.Text(s)) : e;
    }
    return e;
  }

  private static List<Expression> bindAll(List<Expression> terms, Map<String, Object> item) {
    List<Expression> out = new ArrayList<>(terms.size());
    for (Expression t : terms) {
      out.add(bind(t, item));
    }
    return out;
  }

  /** Adds the skills and the agent attributes (without the team) the expression names. */
  public static void names(Expression e, Set<String> skills, Set<String> attributes) {
    if (e instanceof Expression.And and) {
      and.terms().forEach(t -> names(t, skills, attributes));
    } else if (e instanceof Expression.Or or) {
      or.terms().forEach(t -> names(t, skills, attributes));
    } else if (e instanceof Expression.Not not) {
      names(not.term(), skills, attributes);
    } else if (e instanceof Expression.SkillLevel s) {
      skills.add(s.skill());
    } else {
      String name = e instanceof Expression.Compare c ? c.attribute()
          : e instanceof Expression.In in ? in.attribute() : ((Expression.Has) e).attribute();
      if (!name.equals(Expression.TEAM)) {
        attributes.add(name);
      }
    }
  }

  /**
   * What is wrong with the expression against the registered skills and the declared agent
   * attributes (null when attribute names are not checked), as the end of a sentence ("skill 'x',
   * which is not registered; ..."); null when nothing is.
   */
  public static String unknownName(Expression e, Collection<String> skills,
      Set<String> attributes) {
    Set<String> named = new LinkedHashSet<>();
    Set<String> read = new LinkedHashSet<>();
    names(e, named, read);
    return unknownName(named, read, skills, attributes);
  }

  /** As {@link #unknownName(Expression, Collection, Set)}, for names already collected. */
  public static String unknownName(Set<String> namedSkills, Set<String> namedAttributes,
      Collection<String> skills, Set<String> attributes) {
    for (String skill : namedSkills) {
      if (!skills.contains(skill)) {
        return "skill '" + skill + "', which is not registered; registered skills: " + skills;
      }
    }
    for (String attribute : namedAttributes) {
      if (attributes != null && !attributes.contains(attribute)) {
        return "agent attribute '" + attribute + "', which is not declared; declared attributes: "
            + attributes + " (and " + Expression.TEAM + ")";
      }
    }
    return null;
  }
}
