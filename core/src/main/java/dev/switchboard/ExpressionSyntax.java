package dev.switchboard;

import dev.switchboard.Expression.Comparison;
import dev.switchboard.Expression.Operand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads routing expressions from text, for configuration files and properties. The grammar (see
 * the user guide) in short:
 *
 * <pre>
 * expression := term ("or" term)*
 * term       := factor ("and" factor)*
 * factor     := "not" factor | "(" expression ")" | condition
 * condition  := skill op level
 *             | "agent." name op (string | number | "item." name)
 *             | "agent." name "in" "(" string ("," string)* ")"
 *             | "agent." name "has" (string | "item." name)
 * skill      := name | "skill." name
 * op         := "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 * name       := [A-Za-z_][A-Za-z0-9_-]* | `any text, \` and \\ escaped`
 * </pre>
 *
 * <p>Keywords are case-insensitive; strings are double-quoted with {@code \"}, {@code \\} and
 * {@code \}{@code uXXXX} escapes. {@link Expression#text()} writes what this class reads.
 *
 * @since 0.4
 */
public final class ExpressionSyntax {

  private final String text;
  private int pos;

  private ExpressionSyntax(String text) {
    this.text = text;
  }

  /**
   * The expression the text denotes.
   *
   * @throws SyntaxException naming the position, what was found and what was expected
   */
  public static Expression parse(String text) {
    Objects.requireNonNull(text, "expression text");
    ExpressionSyntax p = new ExpressionSyntax(text);
    Expression e = p.expression();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("'and', 'or' or the end of the expression");
    }
    return e;
  }

  /**
   * Text that is not a routing expression.
   *
   * @since 0.4
   */
  public static final class SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;
    private final String found;
    private final String expected;

    SyntaxException(String text, int position, String found, String expected) {
      super("expression '" + text + "' at position " + position + ": found " + found
          + ", expected " + expected);
      this.position = position;
      this.found = found;
      this.expected = expected;
    }

    /** Where the problem is: a 0-based index into the text. */
    public int position() {
      return position;
    }

    /** What was found there. */
    public String found() {
      return found;
    }

    /** What the grammar allows there. */
    public String expected() {
      return expected;
    }
  }

  // ---------------------------------------------------------------- grammar

  private Expression expression() {
    List<Expression> terms = new ArrayList<>();
    terms.add(term());
    while (keyword("or")) {
      terms.add(term());
    }
    return terms.size() == 1 ? terms.get(0) : new Expression.Or(terms);
  }

  private Expression term() {
    List<Expression> factors = new ArrayList<>();
    factors.add(factor());
    while (keyword("and")) {
      factors.add(factor());
    }
    return factors.size() == 1 ? factors.get(0) : new Expression.And(factors);
  }

  private Expression factor() {
    if (keyword("not")) {
      return new Expression.Not(factor());
    }
    if (symbol("(")) {
      Expression e = expression();
      expect(")", "')', 'and' or 'or'");
      return e;
    }
    return condition();
  }

  private Expression condition() {
    skipSpace();
    int start = pos;
    if (keyword("agent")) {
      expect(".", "'.' and an agent attribute name after 'agent'");
      String attribute = name("an agent attribute name");
      if (keyword("in")) {
        return in(attribute);
      }
      if (keyword("has")) {
        return new Expression.Has(attribute, operand(false));
      }
      Comparison op = comparison("a comparison (==, !=, <, <=, >, >=), 'in' or 'has'");
      int at = pos;
      Operand operand = operand(true);
      if (op.orders() && operand instanceof Operand.Text) {
        pos = at;
        skipSpace();
        throw error("a number or an item attribute (texts compare with == and != only)");
      }
      return new Expression.Compare(attribute, op, operand);
    }
    if (keyword("item")) {
      pos = start;
      throw error("a condition on the agent (item attributes go on the right: agent.x == item.y)");
    }
    String skill;
    if (keyword("skill")) {
      expect(".", "'.' and a skill name after 'skill'");
      skill = name("a skill name");
    } else {
      skill = name("a condition: a skill, 'agent.' attribute, 'not' or '('");
    }
    Comparison op = comparison("a comparison (==, !=, <, <=, >, >=) after skill " + skill);
    skipSpace();
    int at = pos;
    int level = level();
    try {
      return new Expression.SkillLevel(skill, op, level);
    } catch (IllegalArgumentException e) {
      pos = at;
      throw error("a level from 0 to 10");
    }
  }

  private Expression in(String attribute) {
    expect("(", "'(' and a list of strings after 'in'");
    Set<String> values = new LinkedHashSet<>();
    do {
      values.add(string("a string"));
    } while (symbol(","));
    expect(")", "',' or ')'");
    return new Expression.In(attribute, values);
  }

  private Operand operand(boolean numbers) {
    skipSpace();
    String what = numbers ? "a string, a number or 'item.' and an attribute name"
        : "a string or 'item.' and an attribute name";
    if (keyword("item")) {
      expect(".", "'.' and an item attribute name after 'item'");
      return new Operand.ItemAttribute(name("an item attribute name"));
    }
    if (pos < text.length() && text.charAt(pos) == '"') {
      return new Operand.Text(string(what));
    }
    if (numbers && pos < text.length() && isNumberStart()) {
      return new Operand.Number(number());
    }
    throw error(what);
  }

  // ---------------------------------------------------------------- tokens

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isWordStart(char c) {
    return c < 0x80 && (Character.isLetter(c) || c == '_');
  }

  private static boolean isWordPart(char c) {
    return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
  }

  private int wordEnd(int from) {
    int end = from;
    if (end < text.length() && isWordStart(text.charAt(end))) {
      end++;
      while (end < text.length() && isWordPart(text.charAt(end))) {
        end++;
      }
    }
    return end;
  }

  /** Consumes the keyword (any case) when it comes next as a whole word. */
  private boolean keyword(String word) {
    skipSpace();
    int end = wordEnd(pos);
    if (end - pos == word.length() && text.substring(pos, end).equalsIgnoreCase(word)) {
      pos = end;
      return true;
    }
    return false;
  }

  private boolean symbol(String s) {
    skipSpace();
    if (text.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s, String expected) {
    if (!symbol(s)) {
      throw error(expected);
    }
  }

  private Comparison comparison(String expected) {
    skipSpace();
    for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
      if (text.startsWith(op, pos)) {
        pos += op.length();
        for (Comparison c : Comparison.values()) {
          if (c.symbol().equals(op)) {
            return c;
          }
        }
      }
    }
    throw error(expected);
  }

  private String name(String expected) {
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == '`') {
      return quoted('`', expected);
    }
    int end = wordEnd(pos);
    if (end == pos) {
      throw error(expected);
    }
    String word = text.substring(pos, end);
    if (Expression.KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
      throw error(expected + " (the keyword '" + word + "' names nothing; back-quote it)");
    }
    pos = end;
    return word;
  }

  private String string(String expected) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != '"') {
      throw error(expected);
    }
    return quoted('"', expected);
  }

  /** Reads a quoted text from {@code pos}, which is at the opening quote. */
  private String quoted(char quote, String expected) {
    int start = pos;
    StringBuilder out = new StringBuilder();
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      if (e == 'u' && quote == '"') {
        if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
          pos -= 2;
          throw error("four hex digits after \\u");
        }
        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
        pos += 4;
      } else if (e == quote || e == '\\') {
        out.append(e);
      } else {
        pos -= 2;
        throw error("an escape: \\" + quote + ", \\\\" + (quote == '"' ? " or \\uXXXX" : ""));
      }
    }
    pos = start;
    throw new SyntaxException(text, start, "an unterminated " + quote + " quote",
        "the closing " + quote);
  }

  private boolean isNumberStart() {
    char c = text.charAt(pos);
    return (c >= '0' && c <= '9') || (c == '-' && pos + 1 < text.length()
        && text.charAt(pos + 1) >= '0' && text.charAt(pos + 1) <= '9');
  }

  private int numberEnd() {
    int end = pos;
    while (end < text.length() && "0123456789.eE+-".indexOf(text.charAt(end)) >= 0) {
      end++;
    }
    return end;
  }

  private double number() {
    int end = numberEnd();
    String n = text.substring(pos, end);
    if (n.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      double v = Double.parseDouble(n);
      if (Double.isFinite(v)) {
        pos = end;
        return v;
      }
    }
    throw new SyntaxException(text, pos, "'" + n + "'", "a finite number such as 5, -2.5 or 1e3");
  }

  private int level() {
    if (pos < text.length() && isNumberStart()) {
      int end = numberEnd();
      String n = text.substring(pos, end);
      if (n.matches("[0-9]{1,2}")) {
        pos = end;
        return Integer.parseInt(n);
      }
    }
    throw error("a level from 0 to 10");
  }

  private SyntaxException error(String expected) {
    skipSpace();
    return new SyntaxException(text, pos, found(), expected);
  }

  private String found() {
    if (pos >= text.length()) {
      return "the end of the text";
    }
    int end = wordEnd(pos);
    if (end == pos) {
      end = isNumberStart() ? numberEnd() : pos + 1;
    }
    return "'" + text.substring(pos, end) + "'";
  }
}
