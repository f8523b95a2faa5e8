package dev.switchboard.kpi.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where intervals and days begin: days at midnight in the configured zone, intervals every
 * {@code interval} from the day's start, the last one cut short where a day is not a whole number
 * of intervals (a day with a daylight-saving change).
 */
final class Calendar {

  private final Duration interval;
  private final ZoneId zone;

  Calendar(Duration interval, ZoneId zone) {
    this.interval = interval;
    this.zone = zone;
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
