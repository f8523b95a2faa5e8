package dev.switchboard.helpdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules JSON past a size limit is refused with an IllegalArgumentException naming the JSON path
 * and the limit; Jackson's own limits used to end in a NullPointerException (their errors carry
 * no location).
 */
class KeywordRulesJsonTest {

  /** A rule as the reader hands it over: just its category. */
  private static List<String> read(String json) {
    return KeywordRulesJson.read(json, (category, keywords, minMatches, attributes, skills,
        priority, confidence) -> category);
  }

  private static void refused(String json, String... parts) {
    assertThatThrownBy(() -> read(json)).isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(parts);
  }

  @Test
  void nestingNumbersAndStringsPastTheLimits_nameThePathAndTheLimit() {
    refused("{\"rules\": [{\"category\": \"a\", \"attributes\": {\"x\": "
        + "[".repeat(5_000) + "]".repeat(5_000) + "}}]}",
        "classifier rules are over a size limit at $.rules[0].attributes.x[0]",
        "nesting depth (17) exceeds the maximum allowed (16)");
    refused("{\"rules\": [{\"category\": \"a\", \"keywords\": [\"x\"], \"priority\": "
        + "7".repeat(5_000) + "}]}", "at $.rules[0].priority (line 1",
        "Number value length", "exceeds the maximum allowed (32)");
    refused("{\"rules\": [{\"category\": \"a\", \"keywords\": [\"" + "x".repeat(30 << 20)
        + "\"]}]}", "characters long; at most 4194304 are read");
    refused("{\"rules\": [{\"category\": \"a\", \"keywords\": [\"x\", \"" + "y".repeat(5_000)
        + "\"]}]}", "at $.rules[0].keywords[1]", "String value length",
        "exceeds the maximum allowed (4096)");
    refused("{\"rules\": [{\"category\": \"a\", \"category\": \"b\"}]}",
        "classifier rules are not valid JSON at $.rules[0].category", "Duplicate field");
  }

  @Test
  void withinTheLimits_rulesAreRead() {
    assertThat(read("{\"rules\": [{\"category\": \"" + "c".repeat(4_096)
        + "\", \"keywords\": [\"x\"], \"confidence\": 0.5" + "0".repeat(29) + "}]}"))
        .singleElement().asString().hasSize(4_096);
  }
}
