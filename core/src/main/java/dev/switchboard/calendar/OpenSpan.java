package dev.switchboard.calendar;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A span of local time within one day during which a calendar is open, from {@code from}
 * (inclusive) to {@code to} (exclusive). A {@code to} of midnight means the end of the day
 * ("24:00"), so that a span can run until the day ends; spans never cross midnight (write two).
 *
 * @param from the local time the span opens
 * @param to the local time it closes; midnight for the end of the day
 * @since 0.3
 */
public record OpenSpan(LocalTime from, LocalTime to) {

  /** Checks that the span is not empty. */
  public OpenSpan {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.equals(LocalTime.MIDNIGHT) && !to.isAfter(from)) {
      throw new IllegalArgumentException("open span " + from + "-" + to + " is empty or runs"
          + " backwards: it must close after it opens, on the same day (24:00 for midnight)");
    }
  }

  /** The span from {@code from} to {@code to}. */
  public static OpenSpan of(LocalTime from, LocalTime to) {
    return new OpenSpan(from, to);
  }

  /**
   * Parses {@code "HH:mm-HH:mm"}, such as {@code "09:00-17:30"}; {@code "24:00"} closes at the end
   * of the day. Throws {@link IllegalArgumentException} naming what was wrong.
   */
  public static OpenSpan parse(String text) {
    Objects.requireNonNull(text, "open span");
    int dash = text.indexOf('-');
    if (dash < 0) {
      throw new IllegalArgumentException("open span \"" + text + "\" is not HH:mm-HH:mm, such as"
          + " 09:00-17:30");
    }
    return new OpenSpan(time(text, text.substring(0, dash).trim(), false),
        time(text, text.substring(dash + 1).trim(), true));
  }

  private static LocalTime time(String span, String text, boolean end) {
    if (end && text.equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("open span \"" + span + "\": \"" + text + "\" is not a"
          + " time of day HH:mm" + (end ? " (or 24:00)" : ""), e);
    }
  }

  /** Whether the span closes at the end of the day. */
  public boolean untilMidnight() {
    return to.equals(LocalTime.MIDNIGHT);
  }

  /** {@code "HH:mm-HH:mm"}, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return from + "-" + (untilMidnight() ? "24:00" : to.toString());
  }
}
