package dev.switchboard.testing;

import dev.switchboard.Expression;
import dev.switchboard.Expression.Comparison;
import dev.switchboard.Expression.Operand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Random routing expressions of every kind, drawing names and texts from the given generators, so
 * the same generator serves the syntax round trip (any id, any text) and the differential test
 * (the names its agents and items carry).
 */
public final class RandomExpressions {

  private final Random r;
  private final Function<Random, String> skill;
  private final Function<Random, String> attribute;
  private final Function<Random, String> text;
  private final Function<Random, String> itemAttribute;

  /** A generator of expressions over these names. */
  public RandomExpressions(Random r, Function<Random, String> skill,
      Function<Random, String> attribute, Function<Random, String> text,
      Function<Random, String> itemAttribute) {
    this.r = r;
    this.skill = skill;
    this.attribute = attribute;
    this.text = text;
    this.itemAttribute = itemAttribute;
  }

  /** The same generator, drawing no item attribute: for campaign assignees, which have no item. */
  public RandomExpressions withoutItems() {
    return new RandomExpressions(r, skill, attribute, text, null);
  }

  /** Expressions over arbitrary ids and texts, for the syntax. */
  public static RandomExpressions anyNames(Random r) {
    Function<Random, String> id = x -> x.nextInt(3) == 0 ? validId(RandomText.id(x))
        : List.of("billing", "and", "region", "AND", "x-1", "has", "_t").get(x.nextInt(7));
    Function<Random, String> text = x -> {
      String t = RandomText.text(x);
      return t.length() > 40 ? t.substring(0, 40) : t;
    };
    return new RandomExpressions(r, id, id, text, id);
  }

  private static String validId(String id) {
    return RandomText.validId(id) ? id : "id";
  }

  /** An expression at most {@code depth} operators deep. */
  public Expression next(int depth) {
    int kind = r.nextInt(depth > 0 ? 8 : 5);
    switch (kind) {
      case 0:
        return new Expression.SkillLevel(skill.apply(r), comparison(), r.nextInt(11));
      case 1: {
        Comparison op = comparison();
        Operand operand = r.nextInt(3) == 0 && itemAttribute != null
            ? new Operand.ItemAttribute(itemAttribute.apply(r))
            : op.orders() || r.nextBoolean() ? new Operand.Number(number())
            : new Operand.Text(text.apply(r));
        return new Expression.Compare(attribute.apply(r), op, operand);
      }
      case 2: {
        Set<String> values = new LinkedHashSet<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
          values.add(text.apply(r));
        }
        return new Expression.In(attribute.apply(r), values);
      }
      case 3:
        return new Expression.Has(attribute.apply(r), r.nextBoolean() || itemAttribute == null
            ? new Operand.Text(text.apply(r)) : new Operand.ItemAttribute(itemAttribute.apply(r)));
      case 4:
        return new Expression.Compare(Expression.TEAM, r.nextBoolean() ? Comparison.EQ
            : Comparison.NE, new Operand.Text(text.apply(r)));
      case 5:
        return new Expression.Not(next(depth - 1));
      default: {
        List<Expression> terms = new ArrayList<>();
        int n = 2 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
          terms.add(next(depth - 1));
        }
        return kind == 6 ? new Expression.And(terms) : new Expression.Or(terms);
      }
    }
  }

  private Comparison comparison() {
    return Comparison.values()[r.nextInt(Comparison.values().length)];
  }

  private double number() {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextInt(10);
      case 1 -> -r.nextInt(1000) / 8.0;
      case 2 -> r.nextGaussian() * 1e20;
      default -> r.nextDouble();
    };
  }
}
