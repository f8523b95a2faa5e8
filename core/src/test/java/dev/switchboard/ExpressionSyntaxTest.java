package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.Expression.Comparison;
import dev.switchboard.Expression.Operand;
import dev.switchboard.testing.RandomExpressions;
import dev.switchboard.testing.RandomTries;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The text form of routing expressions: what it reads, how it fails, and the round trip. */
class ExpressionSyntaxTest {

  @Test
  void parse_readsSkillsAttributesItemReferencesAndPrecedence() {
    assertThat(ExpressionSyntax.parse(
        "billing >= 5 or billing >= 3 AND skill.escalations > 0"))
        .isEqualTo(Expression.or(Expression.skillAtLeast("billing", 5),
            Expression.and(Expression.skillAtLeast("billing", 3),
                new Expression.SkillLevel("escalations", Comparison.GT, 0))));
    assertThat(ExpressionSyntax.parse("agent.region == item.region"))
        .isEqualTo(Expression.sameAsItem("region", "region"));
    assertThat(ExpressionSyntax.parse("not (agent.team == \"trainees\")"))
        .isEqualTo(Expression.not(Expression.attributeEquals("team", "trainees")));
    assertThat(ExpressionSyntax.parse("agent.languages has item.language and agent.tenure >= 2.5"
        + " and agent.state in (\"CA\", \"NY\") and agent.`odd name` != -1e3"))
        .isEqualTo(Expression.and(
            new Expression.Has("languages", new Operand.ItemAttribute("language")),
            new Expression.Compare("tenure", Comparison.GE, new Operand.Number(2.5)),
            Expression.in("state", "CA", "NY"),
            new Expression.Compare("odd name", Comparison.NE, new Operand.Number(-1000))));
    assertThat(ExpressionSyntax.parse("(a > 1 and b > 1) and c > 1"))
        .isEqualTo(Expression.and(Expression.and(new Expression.SkillLevel("a", Comparison.GT, 1),
            new Expression.SkillLevel("b", Comparison.GT, 1)),
            new Expression.SkillLevel("c", Comparison.GT, 1)));
  }

  @Test
  void text_isTheShortestForm() {
    assertThat(Expression.or(Expression.skillAtLeast("billing", 5),
        Expression.and(Expression.skillAtLeast("billing", 3), Expression.has("langs", "es")))
        .text()).isEqualTo("billing >= 5 or billing >= 3 and agent.langs has \"es\"");
    assertThat(Expression.not(Expression.or(Expression.skillAtLeast("and", 1),
        Expression.in("x", "a\"b"))).toString())
        .isEqualTo("not (`and` >= 1 or agent.x in (\"a\\\"b\"))");
  }

  @Test
  void errors_nameThePositionWhatWasFoundAndWhatWasExpected() {
    ExpressionSyntax.SyntaxException e = catchThrowableOfType(
        () -> ExpressionSyntax.parse("billing >= 5 or agent.region = \"EU\""),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.position()).isEqualTo(29);
    assertThat(e.found()).isEqualTo("'='");
    assertThat(e.expected()).contains("a comparison (==");
    assertThat(e).hasMessageContaining("at position 29");

    e = catchThrowableOfType(() -> ExpressionSyntax.parse("billing >= 11"),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.position()).isEqualTo(11);
    assertThat(e.expected()).isEqualTo("a level from 0 to 10");

    e = catchThrowableOfType(() -> ExpressionSyntax.parse("(billing >= 1"),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.found()).isEqualTo("the end of the text");
    assertThat(e.expected()).contains("')'");

    e = catchThrowableOfType(() -> ExpressionSyntax.parse("agent.tenure < \"x\""),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.position()).isEqualTo(15);
    assertThat(e.expected()).contains("texts compare with == and != only");

    e = catchThrowableOfType(() -> ExpressionSyntax.parse("billing >= 1 billing"),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.position()).isEqualTo(13);
    assertThat(e.found()).isEqualTo("'billing'");

    e = catchThrowableOfType(() -> ExpressionSyntax.parse("agent.x == \"open"),
        ExpressionSyntax.SyntaxException.class);
    assertThat(e.position()).isEqualTo(11);
    assertThat(e.found()).contains("unterminated");

    assertThatThrownBy(() -> ExpressionSyntax.parse("and >= 1"))
        .hasMessageContaining("back-quote it");
    assertThatThrownBy(() -> Target.of(""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end of the text");
  }

  @Test
  void values_rejectMalformedTerms() {
    assertThatThrownBy(() -> new Expression.And(List.of(Expression.skillAtLeast("a", 1))))
        .hasMessageContaining("at least two terms");
    assertThatThrownBy(() -> new Expression.In("x", Set.of())).hasMessageContaining("no value");
    assertThatThrownBy(() -> new Expression.Compare("x", Comparison.LT, new Operand.Text("a")))
        .hasMessageContaining("texts compare with == and != only");
    assertThatThrownBy(() -> new Operand.Number(Double.NaN)).hasMessageContaining("not finite");
    assertThatThrownBy(() -> new Expression.SkillLevel("a", Comparison.GE, 11))
        .hasMessageContaining("0 to 10");
  }

  @Test
  void roundTrip_everyExpressionPrintsToTextThatParsesBackEqual() {
    RandomTries.check("print then parse is the identity", 3000, 23_000,
        r -> RandomExpressions.anyNames(r).next(1 + r.nextInt(4)),
        e -> assertThat(ExpressionSyntax.parse(e.text())).isEqualTo(e));
  }
}
