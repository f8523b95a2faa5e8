package dev.switchboard.spi;

import java.util.regex.Pattern;

/** Argument checks shared by the SPI's value types; messages name the field and what is allowed. */
final class Checks {

  private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,64}");

  private Checks() {}

  static String id(String field, String value) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (!ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          field + " '" + value + "' is not allowed: use 1 to 64 characters of [a-z0-9_-]");
    }
    return value;
  }

  static String text(String field, String value, int maxLength) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " characters long; at most " + maxLength
              + " are allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(
            field + " '" + printable(value) + "' contains a control character at index " + i
                + "; none are allowed");
      }
    }
    return value;
  }

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    return value;
  }

  static String printable(String value) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(value.length(), 80);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value.length() > limit) {
      out.append("...");
    }
    return out.toString();
  }
}
