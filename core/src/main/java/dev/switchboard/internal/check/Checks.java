package dev.switchboard.internal.check;

import java.util.Objects;

/** Argument checks shared by the value types, so every message names the field the same way. */
public final class Checks {

  public static final int MAX_ID_LENGTH = 128;
  /**
   * Longest conversation id: a follow-up item is named {@code conversationId#n}, and '#' plus an
   * int's 10 digits must still fit in an item id.
   */
  public static final int MAX_CONVERSATION_ID_LENGTH = MAX_ID_LENGTH - 11;
  public static final int MIN_LEVEL = 1;
  public static final int MAX_LEVEL = 10;

  private Checks() {}

  /**
   * An identifier: not null, not blank, at most 128 characters, no control characters, and
   * well-formed Unicode: no lone surrogate, which no byte encoding can carry and would reach a
   * journal, a log or another system as '?', making two distinct ids one.
   */
  public static String id(String field, String value) {
    Objects.requireNonNull(value, field);
    // Nearly every id is short printable ASCII, which meets all four rules: checked by a loop
    // small enough to be inlined where ids are made; anything else takes the full check.
    int length = value.length();
    if (length == 0 || length > MAX_ID_LENGTH) {
      return fullId(field, value);
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        return fullId(field, value);
      }
    }
    return value;
  }

  /** {@link #id}'s rules for any text: passes it or says which rule it breaks. */
  private static String fullId(String field, String value) {
    // One pass for all four rules: printable ASCII (nearly every id) is neither a control
    // character, white space nor a surrogate, so only other characters need the lookups.
    int length = value.length();
    boolean blank = true;
    int control = -1;
    int lone = -1;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c > ' ' && c < 0x7F) {
        blank = false;
      } else if (Character.isSurrogate(c)) {
        blank = false;
        if (Character.isHighSurrogate(c) && i + 1 < length
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++; // a pair: one code point, neither control nor white space
        } else if (lone < 0) {
          lone = i;
        }
      } else {
        if (control < 0 && Character.isISOControl(c)) {
          control = i;
        }
        if (blank && !Character.isWhitespace(c)) {
          blank = false;
        }
      }
    }
    if (blank) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (length > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(
          field + " is " + length + " characters; at most " + MAX_ID_LENGTH + " allowed");
    }
    if (control >= 0) {
      throw new IllegalArgumentException(
          field + " '" + value.strip() + "' contains a control character at index " + control);
    }
    if (lone >= 0) {
      throw new IllegalArgumentException(field + " '" + escapeLoneSurrogates(value.strip())
          + "' contains a lone surrogate " + hex(value.charAt(lone)) + " at index " + lone
          + "; ids must be well-formed Unicode (a high surrogate followed by a low one)");
    }
    return value;
  }

  /**
   * The index of the first lone surrogate in the text (a high surrogate not followed by a low
   * one, or a low one not preceded by a high one), or -1 when the text is well-formed Unicode
   * and so encodes to UTF-8 and back unchanged.
   */
  public static int loneSurrogate(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < length
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * The text with each lone surrogate written as a Java escape (backslash, 'u', four hex digits),
   * so that a message can show it.
   */
  public static String escapeLoneSurrogates(String text) {
    int first = loneSurrogate(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 10).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append(hex(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String hex(char c) {
    return String.format("\\u%04X", (int) c);
  }

  /** A conversation id: an {@link #id} of at most {@link #MAX_CONVERSATION_ID_LENGTH} chars. */
  public static String conversationId(String field, String value) {
    id(field, value);
    if (value.length() > MAX_CONVERSATION_ID_LENGTH) {
      throw new IllegalArgumentException(field + " is " + value.length() + " characters; at most "
          + MAX_CONVERSATION_ID_LENGTH + " allowed, so that follow-up item ids ('" + field
          + "#n') stay within " + MAX_ID_LENGTH);
    }
    return value;
  }

  /**
   * The name of a routing domain or of a cluster's node: 1 to 200 characters, no control
   * characters. The message shows the name with its control characters as '?'.
   */
  public static String name(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > 200
        || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(field + " is \"" + value.replaceAll("\\p{Cntrl}", "?")
          + "\"; allowed: 1 to 200 characters, no control characters");
    }
    return value;
  }

  /** A skill proficiency or minimum level, from 1 to 10. */
  public static int level(String field, String skill, Integer level) {
    Objects.requireNonNull(level, field + " for skill " + skill);
    if (level < MIN_LEVEL || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          field + " for skill '" + skill + "' is " + level + "; allowed: " + MIN_LEVEL + " to "
              + MAX_LEVEL);
    }
    return level;
  }

  /** The most items an agent may hold on one channel, or in total. */
  public static final int MAX_CAPACITY = 1000;

  /** A capacity: 1 to {@value #MAX_CAPACITY}. */
  public static int capacity(String field, int value) {
    if (value < 1 || value > MAX_CAPACITY) {
      throw new IllegalArgumentException(
          field + " is " + value + "; allowed: 1 to " + MAX_CAPACITY);
    }
    return value;
  }

  /** A strictly positive count. */
  public static int positive(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be at least 1, was " + value);
    }
    return value;
  }
}
