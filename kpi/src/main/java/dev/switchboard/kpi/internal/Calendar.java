package dev.switchboard.kpi.internal;

import dev.switchboard.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where intervals and days begin: days at midnight in the configured zone, intervals every
 * {@code interval} from the day's start, the last one cut short where a day is not a whole number
 * of intervals (a day with a daylight-saving change). With business hours, also which time counts:
 * only open time, and what happens while closed is counted at the next opening.
 */
final class Calendar {

  private final Duration interval;
  private final ZoneId zone;
  /** The open hours the KPIs are per; null for around the clock. */
  private final BusinessCalendar hours;

  Calendar(Duration interval, ZoneId zone, BusinessCalendar hours) {
    this.interval = interval;
    this.zone = zone;
    this.hours = hours;
  }

  /**
   * The instant {@code t} is counted at: itself while open (or without hours), else the next
   * opening; itself when the calendar never opens again.
   */
  Instant counted(Instant t) {
    if (hours == null || hours.isOpen(t)) {
      return t;
    }
    return hours.nextOpening(t).orElse(t);
  }

  /** Whether {@code t} falls outside the open hours. */
  boolean closedAt(Instant t) {
    return hours != null && !hours.isOpen(t);
  }

  /** The time from {@code from} to {@code to} that counts: the open time, with hours. */
  long countedNanos(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return 0;
    }
    return hours == null ? Duration.between(from, to).toNanos()
        : hours.openTimeBetween(from, to).toNanos();
  }

  /** Start of the day {@code t} falls in. */
  Instant dayStart(Instant t) {
    return t.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
  }

  /** Start of the day after the one {@code t} falls in. */
  Instant dayEnd(Instant t) {
    return t.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Start of the interval {@code t} falls in. */
  Instant intervalStart(Instant t) {
    Instant day = dayStart(t);
    long n = Duration.between(day, t).toNanos() / interval.toNanos();
    return day.plus(interval.multipliedBy(n));
  }

  /** End of the interval that starts at {@code start}: the next interval or the next day. */
  Instant intervalEnd(Instant start) {
    Instant next = start.plus(interval);
    Instant day = dayEnd(start);
    return next.isAfter(day) ? day : next;
  }
}
