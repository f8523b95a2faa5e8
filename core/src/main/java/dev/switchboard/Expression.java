package dev.switchboard;

import dev.switchboard.internal.check.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A routing expression: a condition on an agent (skill levels, typed attributes, team) that may
 * also read the item's own attributes, combined with and, or and not. Used as a policy step's
 * target through {@link Target#expression(Expression)}, as a transfer or SLA escalation target
 * through {@link TransferTarget#matching(Expression)} and as a campaign assignee through {@code
 * Assignee.matching}; written as text with {@link ExpressionSyntax}. Values are immutable and
 * compare by content; {@link #text()} (also {@code toString()}) is the text form, which parses
 * back to an equal value.
 *
 * <p>A condition on an attribute the agent lacks, or on an item attribute the item lacks or holds
 * as another type, is false (so {@code not} of it is true). The attribute {@value #TEAM} is the
 * agent's team.
 *
 * @since 0.4
 */
public sealed interface Expression {

  /** The agent attribute that reads the agent's team. */
  String TEAM = "team";

  /** All of the terms hold. */
  static Expression and(Expression... terms) {
    return new And(List.of(terms));
  }

  /** At least one of the terms holds. */
  static Expression or(Expression... terms) {
    return new Or(List.of(terms));
  }

  /** The term does not hold. */
  static Expression not(Expression term) {
    return new Not(term);
  }

  /** The agent has the skill at {@code level} or above. */
  static Expression skillAtLeast(String skill, int level) {
    return new SkillLevel(skill, Comparison.GE, level);
  }

  /** The agent's attribute equals the text. */
  static Expression attributeEquals(String attribute, String value) {
    return new Compare(attribute, Comparison.EQ, new Operand.Text(value));
  }

  /** The agent's attribute equals the item's attribute (e.g. region against region). */
  static Expression sameAsItem(String attribute, String itemAttribute) {
    return new Compare(attribute, Comparison.EQ, new Operand.ItemAttribute(itemAttribute));
  }

  /** The agent's set attribute contains the text. */
  static Expression has(String attribute, String value) {
    return new Has(attribute, new Operand.Text(value));
  }

  /** The agent's text attribute is one of the values. */
  static Expression in(String attribute, String... values) {
    return new In(attribute, new LinkedHashSet<>(List.of(values)));
  }

  /** The expression as text, in the syntax {@link ExpressionSyntax#parse} reads. */
  default String text() {
    StringBuilder out = new StringBuilder();
    print(this, out, 0);
    return out.toString();
  }

  /** A comparison between two numbers, or (only {@code ==} and {@code !=}) two texts. */
  enum Comparison {
    /** Equal. */
    EQ("=="),
    /** Not equal. */
    NE("!="),
    /** Less than. */
    LT("<"),
    /** At most. */
    LE("<="),
    /** Greater than. */
    GT(">"),
    /** At least. */
    GE(">=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in text. */
    public String symbol() {
      return symbol;
    }

    /** True for the comparisons that order values ({@code < <= > >=}). */
    public boolean orders() {
      return this != EQ && this != NE;
    }

    /** Compares two numbers (primitive comparison: {@code -0.0 == 0.0}). */
    public boolean test(double left, double right) {
      return switch (this) {
        case EQ -> left == right;
        case NE -> left != right;
        case LT -> left < right;
        case LE -> left <= right;
        case GT -> left > right;
        case GE -> left >= right;
      };
    }
  }

  /** What an agent attribute is compared with: a constant, or an attribute of the item. */
  sealed interface Operand {

    /**
     * A text constant.
     *
     * @param value the text; any string
     */
    record Text(String value) implements Operand {
      /** Checks the value is present. */
      public Text {
        Objects.requireNonNull(value, "text value");
      }
    }

    /**
     * A number constant.
     *
     * @param value a finite number
     */
    record Number(double value) implements Operand {
      /** Rejects infinities and NaN. */
      public Number {
        if (!Double.isFinite(value)) {
          throw new IllegalArgumentException("number " + value + " is not finite");
        }
      }
    }

    /**
     * The item's attribute of this name: a text, or a number of any Java number type.
     *
     * @param name the item attribute's name
     */
    record ItemAttribute(String name) implements Operand {
      /** Validates the name. */
      public ItemAttribute {
        Checks.id("item attribute name", name);
      }
    }
  }

  /**
   * All of the terms hold.
   *
   * @param terms at least two terms
   */
  record And(List<Expression> terms) implements Expression {
    /** Validates and copies the terms. */
    public And {
      terms = checkedTerms("and", terms);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * At least one of the terms holds.
   *
   * @param terms at least two terms
   */
  record Or(List<Expression> terms) implements Expression {
    /** Validates and copies the terms. */
    public Or {
      terms = checkedTerms("or", terms);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * The term does not hold.
   *
   * @param term the negated expression
   */
  record Not(Expression term) implements Expression {
    /** Checks the term is present. */
    public Not {
      Objects.requireNonNull(term, "term");
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * The agent's proficiency in a skill compared with a level; an agent without the skill has
   * level 0.
   *
   * @param skill a registered skill
   * @param comparison how the agent's level compares with {@code level}
   * @param level 0 to 10
   */
  record SkillLevel(String skill, Comparison comparison, int level) implements Expression {
    /** Validates the skill and level. */
    public SkillLevel {
      Checks.id("skill name", skill);
      Objects.requireNonNull(comparison, "comparison");
      if (level < 0 || level > Checks.MAX_LEVEL) {
        throw new IllegalArgumentException("skill " + skill + " is compared with level " + level
            + "; allowed: 0 to " + Checks.MAX_LEVEL);
      }
    }

    @Override
    public int hashCode() { // by ordinal, not the enum's identity hash: lanes iterate in order
      return (skill.hashCode() * 31 + comparison.ordinal()) * 31 + level;
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * The agent's attribute compared with a constant or an item attribute. Texts compare with
   * {@code ==} and {@code !=} only.
   *
   * @param attribute the agent attribute's name
   * @param comparison the comparison
   * @param operand what the attribute is compared with
   */
  record Compare(String attribute, Comparison comparison, Operand operand) implements Expression {
    /** Validates the attribute name and the comparison. */
    public Compare {
      Checks.id("attribute name", attribute);
      Objects.requireNonNull(comparison, "comparison");
      Objects.requireNonNull(operand, "operand");
      if (comparison.orders() && operand instanceof Operand.Text) {
        throw new IllegalArgumentException("attribute " + attribute + " is compared with "
            + comparison.symbol() + " to a text; texts compare with == and != only");
      }
    }

    @Override
    public int hashCode() { // by ordinal, not the enum's identity hash: lanes iterate in order
      return (attribute.hashCode() * 31 + comparison.ordinal()) * 31 + operand.hashCode();
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * The agent's text attribute is one of the values.
   *
   * @param attribute the agent attribute's name
   * @param values at least one text
   */
  record In(String attribute, Set<String> values) implements Expression {
    /** Validates and copies the values. */
    public In {
      Checks.id("attribute name", attribute);
      Objects.requireNonNull(values, "values");
      if (values.isEmpty()) {
        throw new IllegalArgumentException("attribute " + attribute + " 'in' names no value");
      }
      Set<String> copy = new LinkedHashSet<>();
      values.forEach(v -> copy.add(Objects.requireNonNull(v, "value of " + attribute + " in")));
      values = Collections.unmodifiableSet(copy);
    }

    @Override
    public String toString() {
      return text();
    }
  }

  /**
   * The agent's set attribute contains the value (a text constant or an item attribute).
   *
   * @param attribute the agent's set attribute
   * @param value the text looked for
   */
  record Has(String attribute, Operand value) implements Expression {
    /** Validates the attribute name and the value. */
    public Has {
      Checks.id("attribute name", attribute);
      Objects.requireNonNull(value, "value");
      if (value instanceof Operand.Number) {
        throw new IllegalArgumentException("attribute " + attribute
            + " 'has' a number; set attributes hold texts");
      }
    }

    @Override
    public String toString() {
      return text();
    }
  }

  private static List<Expression> checkedTerms(String kind, List<Expression> terms) {
    Objects.requireNonNull(terms, kind + " terms");
    if (terms.size() < 2) {
      throw new IllegalArgumentException("'" + kind + "' needs at least two terms, got "
          + terms.size());
    }
    List<Expression> copy = new ArrayList<>(terms.size());
    terms.forEach(t -> copy.add(Objects.requireNonNull(t, kind + " term")));
    return Collections.unmodifiableList(copy);
  }

  /** Writes {@code e} into {@code out}; parenthesised when it binds looser than the context. */
  private static void print(Expression e, StringBuilder out, int context) {
    if (e instanceof And a) {
      group(a.terms(), " and ", 2, context, out);
    } else if (e instanceof Or o) {
      group(o.terms(), " or ", 1, context, out);
    } else if (e instanceof Not n) {
      out.append("not ");
      print(n.term(), out, 3);
    } else if (e instanceof SkillLevel s) {
      out.append(name(s.skill()))
          .append(' ').append(s.comparison().symbol()).append(' ').append(s.level());
    } else if (e instanceof Compare c) {
      attribute(c.attribute(), out).append(' ').append(c.comparison().symbol()).append(' ');
      operand(c.operand(), out);
    } else if (e instanceof In in) {
      attribute(in.attribute(), out).append(" in (");
      String sep = "";
      for (String v : in.values()) {
        quote(v, out.append(sep));
        sep = ", ";
      }
      out.append(')');
    } else if (e instanceof Has h) {
      attribute(h.attribute(), out).append(" has ");
      operand(h.value(), out);
    }
  }

  /** Words with a meaning of their own in the text form. */
  Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "has", "skill", "agent", "item");

  private static void group(List<Expression> terms, String op, int strength, int context,
      StringBuilder out) {
    boolean paren = context >= strength;
    if (paren) {
      out.append('(');
    }
    for (int i = 0; i < terms.size(); i++) {
      if (i > 0) {
        out.append(op);
      }
      print(terms.get(i), out, strength);
    }
    if (paren) {
      out.append(')');
    }
  }

  private static StringBuilder attribute(String name, StringBuilder out) {
    return out.append("agent.").append(name(name));
  }

  private static void operand(Operand o, StringBuilder out) {
    if (o instanceof Operand.Text t) {
      quote(t.value(), out);
    } else if (o instanceof Operand.Number n) {
      double v = n.value();
      if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
        out.append((long) v);
      } else {
        out.append(v);
      }
    } else if (o instanceof Operand.ItemAttribute i) {
      out.append("item.").append(name(i.name()));
    }
  }

  /** A bare name when it is a plain word ({@code [A-Za-z_][A-Za-z0-9_-]*}) and no keyword. */
  private static String name(String n) {
    char first = n.charAt(0);
    boolean plain = first < 0x80 && (Character.isLetter(first) || first == '_');
    for (int i = 1; plain && i < n.length(); i++) {
      char c = n.charAt(i);
      plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }
    plain = plain && !KEYWORDS.contains(n.toLowerCase(java.util.Locale.ROOT));
    return plain ? n : "`" + n.replace("\\", "\\\\").replace("`", "\\`") + "`";
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < ' ' || c == 0x7F) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
