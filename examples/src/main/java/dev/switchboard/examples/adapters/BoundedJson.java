package dev.switchboard.examples.adapters;

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
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads JSON that comes from outside the process (a scenario file, a provider's answer) under
 * explicit limits: document length, nesting depth, number length, string length and field-name
 * length. Every failure, a syntax error as much as a limit, is an {@link IllegalArgumentException}
 * whose message names what was read, the JSON path where reading stopped ({@code
 * $.queues.vip[3].target}), the line and column, and the limit or the syntax rule broken; never a
 * {@code NullPointerException} or a bare parser error. Duplicate field names are refused too.
 * Thread-safe.
 */
public final class BoundedJson {

  /**
   * The limits one kind of document is read under.
   *
   * @param maxDocumentChars the longest document, in characters
   * @param maxDepth the deepest nesting of objects and arrays
   * @param maxNumberChars the longest number, in characters
   * @param maxStringChars the longest string value, in characters
   * @param maxNameChars the longest field name, in characters
   */
  public record Limits(int maxDocumentChars, int maxDepth, int maxNumberChars, int maxStringChars,
      int maxNameChars) {

    /** Checks every limit is positive. */
    public Limits {
      if (maxDocumentChars < 1 || maxDepth < 1 || maxNumberChars < 1 || maxStringChars < 1
          || maxNameChars < 1) {
        throw new IllegalArgumentException("every JSON limit must be at least 1: " + this);
      }
    }
  }

  /** Paths deeper than this many segments are shown by their first and last segments. */
  private static final int PATH_SEGMENTS_SHOWN = 8;
  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
  /** Jackson's pointer to the setting behind a limit, which means nothing to a reader. */
  private static final Pattern SETTING = Pattern.compile(", from `[^`]*`");

  private final String what;
  private final Limits limits;
  private final ObjectMapper mapper;

  /**
   * A reader of documents described as {@code what} in errors ("the scenario"), under {@code
   * limits}.
   */
  public BoundedJson(String what, Limits limits) {
    this.what = what;
    this.limits = limits;
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(limits.maxDocumentChars())
            .maxNestingDepth(limits.maxDepth())
            .maxNumberLength(limits.maxNumberChars())
            .maxStringLength(limits.maxStringChars())
            .maxNameLength(limits.maxNameChars())
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    this.mapper = new ObjectMapper(factory);
  }

  /** The limits this reader applies. */
  public Limits limits() {
    return limits;
  }

  /**
   * The document's tree.
   *
   * @throws IllegalArgumentException if it is empty, longer than the limit, not JSON, or breaks a
   *     limit; the message says where and which
   */
  public JsonNode read(String json) {
    if (json.length() > limits.maxDocumentChars()) {
      throw new IllegalArgumentException(what + " is " + json.length()
          + " characters long; at most " + limits.maxDocumentChars() + " are read");
    }
    JsonParser parser = null;
    try {
      parser = mapper.createParser(json);
      JsonNode root = mapper.readTree(parser);
      if (root == null || root.isMissingNode()) {
        throw new IllegalArgumentException(what + " is empty; expected a JSON document");
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException(what + " is over a size limit at " + where(parser) + ": "
          + SETTING.matcher(e.getOriginalMessage()).replaceAll(""), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(what + " is not valid JSON at " + where(parser) + ": "
          + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(what + " could not be read: " + e.getMessage(), e);
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException ignored) {
          // reading from a string: nothing to release
        }
      }
    }
  }

  /** The path and position where the parser stopped, e.g. {@code $.a[2].b (line 3, column 7)}. */
  private static String where(JsonParser parser) {
    if (parser == null) {
      return "$";
    }
    JsonLocation at = parser.currentLocation();
    return path(parser.getParsingContext()) + " (line " + at.getLineNr() + ", column "
        + at.getColumnNr() + ")";
  }

  /**
   * The JSONPath of a parsing context: {@code .name} for simple field names, {@code ["..."]} for
   * others (shortened), {@code [i]} for array elements; a very deep path keeps its first and last
   * segments and says how deep it was.
   */
  static String path(JsonStreamContext context) {
    List<String> segments = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else {
        String name = c.getCurrentName();
        segments.add(name == null ? "" : SIMPLE_NAME.matcher(name).matches() ? "." + name
            : "[\"" + printable(name) + "\"]");
      }
    }
    StringBuilder path = new StringBuilder("$");
    int n = segments.size();
    if (n <= PATH_SEGMENTS_SHOWN) {
      for (int i = n - 1; i >= 0; i--) {
        path.append(segments.get(i));
      }
      return path.toString();
    }
    for (int i = n - 1; i >= n - PATH_SEGMENTS_SHOWN / 2; i--) {
      path.append(segments.get(i));
    }
    path.append("...");
    for (int i = PATH_SEGMENTS_SHOWN / 2 - 1; i >= 0; i--) {
      path.append(segments.get(i));
    }
    return path.append(" (").append(n).append(" levels deep)").toString();
  }

  /** At most 40 characters of {@code s}, with quotes, backslashes and controls replaced. */
  private static String printable(String s) {
    String cut = s.length() <= 40 ? s : s.substring(0, 40) + "...";
    return cut.replaceAll("[\\p{Cntrl}\"\\\\]", "?");
  }
}
