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

  /** An identifier: not null, not blank, at most 128 characters, no control characters. */
  public static String id(String field, String value) {
    Objects.requireNonNull(value, field);
    // One pass for all three rules: printable ASCII (nearly every id) is neither a control
    // character nor white space, so only other characters need the Character lookups.
    int length = value.length();
    boolean blank = true;
    int control = -1;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c > ' ' && c < 0x7F) {
        blank = false;
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
    return value;
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
