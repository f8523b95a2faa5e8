package dev.switchboard.helpdesk.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads keyword classifier rules from JSON with Jackson's tree model. The only class of the help
 * desk that touches Jackson, which is an optional dependency: callers check it is present first.
 * Every error names the JSON path, the value found and what is allowed. Rules are built by the
 * caller's {@link RuleFactory} (the classifier's own rule constructor), so this reader knows the
 * JSON and nothing of the classifier.
 *
 * <p>Documents are read under explicit limits ({@value #MAX_CHARS} characters, nesting
 * {@value #MAX_DEPTH} deep, numbers of {@value #MAX_NUMBER_CHARS} characters, strings and field
 * names of {@value #MAX_STRING_CHARS} characters); breaking one, like a syntax error or a
 * repeated field, is an {@link IllegalArgumentException} naming the JSON path where reading
 * stopped and the limit.
 */
public final class KeywordRulesJson {

  /**
   * Makes one rule from its parsed fields; may throw {@link IllegalArgumentException}, which the
   * reader prefixes with the rule's JSON path.
   *
   * @param <R> the rule type
   */
  @FunctionalInterface
  public interface RuleFactory<R> {
    /** The rule of these fields. */
    R make(String category, Set<String> keywords, int minMatches, Map<String, String> attributes,
        Map<String, Integer> skills, int priority, double confidence);
  }

  /** The longest rules document, in characters. */
  public static final int MAX_CHARS = 4 << 20;
  /** The deepest nesting of objects and arrays (a rules document needs 4). */
  public static final int MAX_DEPTH = 16;
  /** The longest number, in characters. */
  public static final int MAX_NUMBER_CHARS = 32;
  /** The longest string or field name (a category, keyword, attribute or skill), in characters. */
  public static final int MAX_STRING_CHARS = 4096;

  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_CHARS)
          .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_CHARS)
          .maxStringLength(MAX_STRING_CHARS).maxNameLength(MAX_STRING_CHARS).build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());
  private static final Set<String> TOP_FIELDS = Set.of("rules");
  private static final List<String> RULE_FIELDS = List.of(
      "category", "keywords", "minMatches", "attributes", "skills", "priority", "confidence");

  private KeywordRulesJson() {}

  /** The rules in the JSON document, in order, each made by the factory. */
  public static <R> List<R> read(String json, RuleFactory<R> factory) {
    JsonNode root = parse(json);
    if (root == null || !root.isObject()) {
      throw bad("$", root, "an object {\"rules\": [...]}");
    }
    unknownFields("$", root, TOP_FIELDS);
    JsonNode rules = root.get("rules");
    if (rules == null || !rules.isArray()) {
      throw bad("$.rules", rules, "an array of rule objects");
    }
    List<R> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      out.add(rule("$.rules[" + i + "]", rules.get(i), factory));
    }
    return out;
  }

  /** The document's tree; null when it is empty. */
  private static JsonNode parse(String json) {
    if (json.length() > MAX_CHARS) {
      throw new IllegalArgumentException("classifier rules are " + json.length()
          + " characters long; at most " + MAX_CHARS + " are read");
    }
    try (JsonParser parser = MAPPER.createParser(json)) {
      try {
        return MAPPER.readTree(parser);
      } catch (StreamConstraintsException e) {
        // the limit's own message, less Jackson's pointer to the setting behind it
        throw refused("are over a size limit", parser,
            e.getOriginalMessage().replaceAll(", from `[^`]*`", ""), e);
      } catch (JsonProcessingException e) {
        throw refused("are not valid JSON", parser, e.getOriginalMessage(), e);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("classifier rules could not be read: " + e.getMessage(),
          e);
    }
  }

  private static IllegalArgumentException refused(String problem, JsonParser parser,
      String detail, Exception cause) {
    JsonLocation at = parser.currentLocation();
    StringBuilder path = new StringBuilder();
    for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot();
        c = c.getParent()) {
      String name = c.getCurrentName();
      path.insert(0, c.inArray() ? "[" + Math.max(0, c.getCurrentIndex()) + "]"
          : name == null ? "" : "." + name.replaceAll("\\p{Cntrl}", "?"));
    }
    return new IllegalArgumentException("classifier rules " + problem + " at $" + path
        + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + "): " + detail, cause);
  }

  private static <R> R rule(String path, JsonNode n, RuleFactory<R> factory) {
    if (!n.isObject()) {
      throw bad(path, n, "a rule object with fields " + RULE_FIELDS);
    }
    unknownFields(path, n, Set.copyOf(RULE_FIELDS));
    String category = text(path + ".category", n.get("category"));
    Set<String> keywords = new LinkedHashSet<>();
    JsonNode kw = n.get("keywords");
    if (kw != null) {
      if (!kw.isArray()) {
        throw bad(path + ".keywords", kw, "an array of strings");
      }
      for (int i = 0; i < kw.size(); i++) {
        keywords.add(text(path + ".keywords[" + i + "]", kw.get(i)));
      }
    }
    int minMatches = n.has("minMatches")
        ? integer(path + ".minMatches", n.get("minMatches"), keywords.isEmpty() ? 0 : 1,
            keywords.size())
        : (keywords.isEmpty() ? 0 : 1);
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode at = n.get("attributes");
    if (at != null) {
      if (!at.isObject()) {
        throw bad(path + ".attributes", at, "an object of attribute name to value");
      }
      for (Map.Entry<String, JsonNode> e : at.properties()) {
        JsonNode v = e.getValue();
        if (!v.isValueNode() || v.isNull()) {
          throw bad(path + ".attributes." + e.getKey(), v, "a string, number or boolean");
        }
        attributes.put(e.getKey(), v.asText());
      }
    }
    Map<String, Integer> skills = new LinkedHashMap<>();
    JsonNode sk = n.get("skills");
    if (sk != null) {
      if (!sk.isObject()) {
        throw bad(path + ".skills", sk, "an object of skill name to level 1 to 10");
      }
      for (Map.Entry<String, JsonNode> e : sk.properties()) {
        skills.put(e.getKey(), integer(path + ".skills." + e.getKey(), e.getValue(), 1, 10));
      }
    }
    int priority = n.has("priority") ? integer(path + ".priority", n.get("priority"), 0, 100) : 0;
    double confidence = 0.9;
    if (n.has("confidence")) {
      JsonNode c = n.get("confidence");
      if (!c.isNumber() || c.asDouble() < 0.0 || c.asDouble() > 1.0) {
        throw bad(path + ".confidence", c, "a number from 0.0 to 1.0");
      }
      confidence = c.asDouble();
    }
    try {
      return factory.make(category, keywords, minMatches, attributes, skills, priority,
          confidence);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  private static String text(String path, JsonNode n) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw bad(path, n, "a non-blank string");
    }
    return n.asText();
  }

  private static int integer(String path, JsonNode n, int min, int max) {
    if (n == null || !n.isIntegralNumber() || n.asLong() < min || n.asLong() > max) {
      throw bad(path, n, "an integer from " + min + " to " + max);
    }
    return n.asInt();
  }

  private static void unknownFields(String path, JsonNode n, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> field : n.properties()) {
      String f = field.getKey();
      if (!allowed.contains(f)) {
        throw new IllegalArgumentException(path + "." + f + " is not a known field; allowed: "
            + (allowed.size() == 1 ? allowed : RULE_FIELDS));
      }
    }
  }

  private static IllegalArgumentException bad(String path, JsonNode value, String allowed) {
    return new IllegalArgumentException(path + " is " + (value == null ? "missing" : value)
        + "; allowed: " + allowed);
  }
}
