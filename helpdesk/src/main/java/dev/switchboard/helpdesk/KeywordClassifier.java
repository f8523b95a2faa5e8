package dev.switchboard.helpdesk;

import dev.switchboard.WorkItem;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.helpdesk.internal.KeywordRulesJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in {@link Classifier}: rules of keywords (matched as whole words, ignoring case, in
 * the subject and text) and attribute values. Build one with {@link #builder()} or read its rules
 * from JSON with {@link #fromJson(String)}. Immutable and thread-safe.
 *
 * <p>A rule matches when at least {@code minMatches} of its keywords occur (a rule without
 * keywords needs none) and every attribute it names has the given value. Its score is the number
 * of keywords and attributes matched. The result lists the categories of every matching rule,
 * best score first (ties in rule order); requires the highest level of each skill they name; and
 * takes the highest priority. Its confidence is the best rule's confidence times the share of the
 * total score held by rules of the best rule's category, so two rules for different categories
 * matching equally halve it: ambiguity sends the ticket to triage. Nothing matching gives {@link Classification#UNKNOWN}.
 *
 * @since 0.1
 */
public final class KeywordClassifier implements Classifier {

  private static final java.util.regex.Pattern WORD =
      java.util.regex.Pattern.compile("[\\p{L}\\p{N}_-]+");

  private final List<Rule> rules;

  private KeywordClassifier(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Starts a classifier with no rules. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the rules from JSON of the form {@code {"rules": [{"category": "network", "keywords":
   * ["wifi", "router"], "minMatches": 1, "attributes": {"product": "router"}, "skills":
   * {"network": 5}, "priority": 20, "confidence": 0.9}]}}; only {@code category} is required.
   *
   * <p>Needs {@code com.fasterxml.jackson.core:jackson-databind} on the class or module path
   * (core's dependency on it is optional); without it this throws {@link IllegalStateException}
   * saying so. Use {@link #builder()} to need no JSON library.
   *
   * @throws IllegalArgumentException for malformed JSON or a bad value, naming its JSON path
   *     ({@code $.rules[2].skills.network}), the value and what is allowed
   */
  public static KeywordClassifier fromJson(String json) {
    Objects.requireNonNull(json, "json");
    try {
      Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false,
          KeywordClassifier.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException("reading classifier rules from JSON needs the optional"
          + " library jackson-databind (com.fasterxml.jackson.core:jackson-databind), which is not"
          + " on the class or module path; add it, or build the rules with"
          + " KeywordClassifier.builder()", e);
    }
    return new KeywordClassifier(KeywordRulesJson.read(json, Rule::new));
  }

  /** The rules, in order. */
  public List<Rule> rules() {
    return rules;
  }

  @Override
  public Classification classify(TicketRequest request) {
    Set<String> words = words(request.subject() + " " + request.text());
    List<Rule> matched = new ArrayList<>();
    List<Integer> scores = new ArrayList<>();
    int total = 0;
    for (Rule r : rules) {
      int score = r.score(words, request.attributes());
      if (score > 0) {
        int at = 0;
        while (at < scores.size() && scores.get(at) >= score) {
          at++;
        }
        matched.add(at, r);
        scores.add(at, score);
        total += score;
      }
    }
    if (matched.isEmpty()) {
      return Classification.UNKNOWN;
    }
    Set<String> categories = new LinkedHashSet<>();
    Map<String, Integer> skills = new LinkedHashMap<>();
    int priority = 0;
    for (Rule r : matched) {
      categories.add(r.category());
      r.skills().forEach((s, l) -> skills.merge(s, l, Math::max));
      priority = Math.max(priority, r.priority());
    }
    int sameCategory = 0;
    for (int i = 0; i < matched.size(); i++) {
      if (matched.get(i).category().equals(matched.get(0).category())) {
        sameCategory += scores.get(i);
      }
    }
    double confidence = matched.get(0).confidence() * sameCategory / total;
    return new Classification(List.copyOf(categories), skills, priority, confidence);
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_-]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /**
   * One classification rule.
   *
   * @param category the category the rule stands for
   * @param keywords words to look for (lower-cased; whole words)
   * @param minMatches how many keywords must occur, 1 to the number of keywords (0 when none)
   * @param attributes attribute name to the value it must have (compared as strings)
   * @param skills skills the category's work needs, skill to level 1 to 10
   * @param priority 0 to 100
   * @param confidence 0.0 to 1.0: how sure a match alone makes the classifier
   * @since 0.1
   */
  public record Rule(String category, Set<String> keywords, int minMatches,
      Map<String, String> attributes, Map<String, Integer> skills, int priority,
      double confidence) {

    /** Validates and copies every field. */
    public Rule {
      Checks.id("category", category);
      Set<String> kw = new LinkedHashSet<>();
      for (String k : Objects.requireNonNull(keywords, "keywords")) {
        String word = Checks.id("keyword", k).toLowerCase(Locale.ROOT);
        if (!WORD.matcher(word).matches()) {
          throw new IllegalArgumentException("keyword '" + k + "' of rule '" + category
              + "' is not one word; allowed: letters, digits, '_' and '-' (keywords match whole"
              + " words)");
        }
        kw.add(word);
      }
      keywords = Collections.unmodifiableSet(kw);
      int maxMatches = keywords.size();
      if (minMatches < (keywords.isEmpty() ? 0 : 1) || minMatches > maxMatches) {
        throw new IllegalArgumentException("minMatches of rule '" + category + "' is "
            + minMatches + "; allowed: " + (keywords.isEmpty() ? "0 (it has no keywords)"
            : "1 to " + maxMatches + " (its number of keywords)"));
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      Objects.requireNonNull(attributes, "attributes").forEach((k, v) ->
          attrs.put(Checks.id("attribute name", k), Objects.requireNonNull(v, "attribute " + k)));
      attributes = Collections.unmodifiableMap(attrs);
      if (keywords.isEmpty() && attributes.isEmpty()) {
        throw new IllegalArgumentException(
            "rule '" + category + "' has neither keywords nor attributes, so it could never match");
      }
      Map<String, Integer> sk = new LinkedHashMap<>();
      Objects.requireNonNull(skills, "skills").forEach((s, l) ->
          sk.put(Checks.id("skill name", s), Checks.level("rule " + category + " level", s, l)));
      skills = Collections.unmodifiableMap(sk);
      if (priority < WorkItem.MIN_PRIORITY || priority > WorkItem.MAX_PRIORITY) {
        throw new IllegalArgumentException("priority of rule '" + category + "' is " + priority
            + "; allowed: " + WorkItem.MIN_PRIORITY + " to " + WorkItem.MAX_PRIORITY);
      }
      if (!(confidence >= 0.0 && confidence <= 1.0)) {
        throw new IllegalArgumentException("confidence of rule '" + category + "' is "
            + confidence + "; allowed: 0.0 to 1.0");
      }
    }

    int score(Set<String> words, Map<String, Object> attrs) {
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        Object v = attrs.get(a.getKey());
        if (v == null || !String.valueOf(v).equals(a.getValue())) {
          return 0;
        }
      }
      int hits = 0;
      for (String k : keywords) {
        if (words.contains(k)) {
          hits++;
        }
      }
      return hits < minMatches ? 0 : hits + attributes.size();
    }
  }

  /**
   * Builds a {@link KeywordClassifier}, one rule at a time.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();

    private Builder() {}

    /** Adds a rule. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds a rule for the category matching any one of the keywords, requiring the skill at the
     * level, with priority 0 and confidence 0.9.
     */
    public Builder keywords(String category, String skill, int level, String... keywords) {
      return rule(new Rule(category, new LinkedHashSet<>(List.of(keywords)), 1, Map.of(),
          Map.of(skill, level), 0, 0.9));
    }

    /** Builds the classifier; rules are tried in the order added. */
    public KeywordClassifier build() {
      return new KeywordClassifier(rules);
    }
  }
}
