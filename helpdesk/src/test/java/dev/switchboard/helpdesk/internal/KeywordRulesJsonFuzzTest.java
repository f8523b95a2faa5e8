package dev.switchboard.helpdesk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.switchboard.helpdesk.KeywordClassifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing the classifier rules reader: mutated and random rules documents through {@link
 * KeywordClassifier#fromJson}. Every document ends as a classifier whose rules all have a
 * category, or an IllegalArgumentException saying where; nothing else is thrown, and the whole
 * campaign ends within a minute. {@code -Dfuzz.scale=N} multiplies the tries, {@code
 * -Dfuzz.seed=S} changes the inputs; a failure names the input and the seed.
 */
class KeywordRulesJsonFuzzTest {

  private static final String SEED = """
      {"rules": [
        {"category": "network", "keywords": ["wifi", "router", "dropping"], "minMatches": 1,
         "skills": {"network": 5}, "priority": 20, "confidence": 0.9},
        {"category": "billing", "keywords": ["refund", "charge"], "minMatches": 2,
         "attributes": {"plan": "gold", "vip": true, "tier": 3}}]}
      """;
  private static final List<String> TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\",
      "\\u0000", "\\ud800", "null", "true", "0", "-1", "11", "1e400", "0.5", "1.5",
      "99999999999999999999", "\"category\": ", "\"keywords\": [", "\"skills\": {",
      "\"attributes\": {", "\"minMatches\": ", "\"priority\": ", "\"confidence\": ", "\"rules\": ",
      "\"\"", "\" \"", "\u00e9", "[[[[[[[[[[[[[[[[[[", "\n");

  @Test
  void rulesDocuments_areReadOrRefusedWithTheirPath_neverAnythingElse() {
    int tries = 3_000 * Integer.getInteger("fuzz.scale", 1);
    long seed = Long.getLong("fuzz.seed", 13);
    Map<String, Integer> outcomes = new TreeMap<>();
    long started = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(60L * Integer.getInteger("fuzz.scale", 1)),
        () -> {
          for (int i = 0; i < tries; i++) {
            String json = input(new Random(seed * 0x9E3779B97F4A7C15L + i));
            try {
              outcomes.merge(outcome(json), 1, Integer::sum);
            } catch (RuntimeException | AssertionError e) {
              throw new AssertionError("input " + i + " (seed " + seed + ") threw " + e
                  + "; the input: " + json.replace("\n", "\\n"), e);
            }
          }
        });
    System.out.printf("fuzz classifier rules JSON: %d inputs tried, 0 failures (seed %d, %d ms):"
        + " %s%n", tries, seed, (System.nanoTime() - started) / 1_000_000, outcomes);
    assertThat(outcomes.get("accepted")).as("%s", outcomes).isPositive();
    assertThat(outcomes.get("refused")).as("%s", outcomes).isPositive();
  }

  private static String outcome(String json) {
    KeywordClassifier classifier;
    try {
      classifier = KeywordClassifier.fromJson(json);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).startsWith(e.getMessage().startsWith("classifier rules")
          ? "classifier rules" : "$");
      return "refused";
    }
    assertThat(classifier.rules()).allSatisfy(r -> assertThat(r.category()).isNotBlank());
    return "accepted";
  }

  /** The seed with one to four edits: a token put in or over, a stretch cut or repeated. */
  private static String input(Random r) {
    StringBuilder s = new StringBuilder(SEED);
    if (r.nextInt(10) == 0) {
      s.setLength(0);
      int length = r.nextInt(200);
      while (s.length() < length) {
        s.append(TOKENS.get(r.nextInt(TOKENS.size())));
      }
      return s.toString();
    }
    for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
      int at = r.nextInt(s.length() + 1);
      int end = Math.min(s.length(), at + r.nextInt(12));
      String token = TOKENS.get(r.nextInt(TOKENS.size()));
      switch (r.nextInt(4)) {
        case 0 -> s.insert(at, token);
        case 1 -> s.replace(at, end, token);
        case 2 -> s.delete(at, end);
        default -> s.insert(at, s.substring(at, end));
      }
    }
    return s.toString();
  }
}
