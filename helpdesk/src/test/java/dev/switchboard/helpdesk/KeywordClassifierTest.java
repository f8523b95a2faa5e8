package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Channel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The built-in classifier and its JSON rules. */
class KeywordClassifierTest {

  private static TicketRequest req(String text, Map<String, Object> attributes) {
    return new TicketRequest("t", "u", Channel.EMAIL, "", text, attributes);
  }

  private static final String RULES = """
      {"rules": [
        {"category": "network", "keywords": ["wifi", "router", "vpn"], "skills": {"network": 5},
         "priority": 20, "confidence": 0.9},
        {"category": "printing", "attributes": {"product": "laserjet"}, "skills": {"printing": 3}},
        {"category": "billing", "keywords": ["invoice", "refund", "charge"], "minMatches": 2,
         "skills": {"billing": 4}, "priority": 10}
      ]}
      """;

  @Test
  void jsonRules_classifyByWholeWords_andAttributes() {
    KeywordClassifier c = KeywordClassifier.fromJson(RULES);
    assertThat(c.rules()).hasSize(3);
    Classification net = c.classify(req("My WiFi keeps dropping.", Map.of()));
    assertThat(net).isEqualTo(new Classification(List.of("network"), Map.of("network", 5), 20,
        0.9));
    assertThat(c.classify(req("routers", Map.of())))
        .as("whole words only").isEqualTo(Classification.UNKNOWN);
    assertThat(c.classify(req("paper jam", Map.of("product", "laserjet"))).categories())
        .containsExactly("printing");
    assertThat(c.classify(req("one invoice", Map.of())))
        .as("minMatches 2").isEqualTo(Classification.UNKNOWN);
  }

  @Test
  void competingCategories_lowerTheConfidence() {
    KeywordClassifier c = KeywordClassifier.fromJson(RULES);
    Classification both = c.classify(req("router refund charge", Map.of()));
    assertThat(both.categories()).containsExactly("billing", "network");
    assertThat(both.requiredSkills()).isEqualTo(Map.of("billing", 4, "network", 5));
    assertThat(both.priority()).isEqualTo(20);
    assertThat(both.confidence()).isEqualTo(0.9 * 2 / 3);
  }

  @Test
  void badValue_isRejectedNamingTheJsonPath_theValue_andWhatIsAllowed() {
    assertThatThrownBy(() -> KeywordClassifier.fromJson(
        "{\"rules\": [{\"category\": \"a\", \"keywords\": [\"x\"]},"
            + " {\"category\": \"b\", \"keywords\": [\"y\"], \"skills\": {\"net\": 11}}]}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("$.rules[1].skills.net is 11; allowed: an integer from 1 to 10");
    assertThatThrownBy(() -> KeywordClassifier.fromJson(
        "{\"rules\": [{\"category\": \"a\", \"keyword\": [\"x\"]}]}"))
        .hasMessageStartingWith("$.rules[0].keyword is not a known field; allowed: [category,");
    assertThatThrownBy(() -> KeywordClassifier.fromJson("{\"rules\": [{\"keywords\": [\"x\"]}]}"))
        .hasMessage("$.rules[0].category is missing; allowed: a non-blank string");
    assertThatThrownBy(() -> KeywordClassifier.fromJson(
        "{\"rules\": [{\"category\": \"a\", \"keywords\": [\"x\"], \"confidence\": 1.5}]}"))
        .hasMessage("$.rules[0].confidence is 1.5; allowed: a number from 0.0 to 1.0");
    assertThatThrownBy(() -> KeywordClassifier.fromJson("{\"rules\": {}}"))
        .hasMessage("$.rules is {}; allowed: an array of rule objects");
    assertThatThrownBy(() -> KeywordClassifier.fromJson("{\"rules\": [{\"category\": \"a\"}]}"))
        .hasMessageContaining("$.rules[0]: rule 'a' has neither keywords nor attributes");
  }

  @Test
  void malformedJson_isRejectedWithItsPosition() {
    assertThatThrownBy(() -> KeywordClassifier.fromJson("{\"rules\": [}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("classifier rules are not valid JSON")
        .hasMessageContaining("line 1, column");
  }

  @Test
  void builder_needsNoJson_andValidatesRules() {
    KeywordClassifier c = KeywordClassifier.builder()
        .keywords("network", "network", 5, "wifi").build();
    assertThat(c.classify(req("wifi", Map.of())).categories()).containsExactly("network");
    assertThatThrownBy(() -> new KeywordClassifier.Rule("x", java.util.Set.of("a"), 2, Map.of(),
        Map.of(), 0, 0.5)).hasMessageContaining("minMatches of rule 'x' is 2; allowed: 1 to 1");
    assertThatThrownBy(() -> KeywordClassifier.builder().keywords("x", "net", 1, "blue screen"))
        .hasMessageStartingWith("keyword 'blue screen' of rule 'x' is not one word");
  }
}
