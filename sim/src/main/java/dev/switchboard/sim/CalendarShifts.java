package dev.switchboard.sim;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.OpenSpan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An agent's working time when it follows a calendar: the calendar's open spans over the run, in
 * its zone (holidays and exceptions closed or reshaped, daylight saving as the zone has it), as
 * shifts from the run's start, together with any fixed shifts, overlapping or touching ones joined.
 * A span open at the horizon runs to its end, as a fixed shift would, so work held or queued then
 * is still taken; spans that open at or after the horizon are left out.
 */
final class CalendarShifts {

  private CalendarShifts() {}

  /** The shifts of an agent who works the calendar's open hours and the fixed shifts. */
  static List<Shift> of(BusinessCalendar calendar, List<Shift> fixed, Instant start,
      Duration horizon) {
    List<long[]> spans = new ArrayList<>();
    for (Shift s : fixed) {
      spans.add(new long[] {s.start().toNanos(), s.end().toNanos()});
    }
    long end = horizon.toNanos();
    long cap = SimulationLimits.MAX_DURATION.toNanos();
    ZoneId zone = calendar.zone();
    LocalDate last = start.plus(horizon).atZone(zone).toLocalDate();
    for (LocalDate d = start.atZone(zone).toLocalDate(); !d.isAfter(last); d = d.plusDays(1)) {
      for (OpenSpan s : calendar.hoursOn(d)) {
        long from = Math.max(0, nanos(start, ZonedDateTime.of(d, s.from(), zone).toInstant()));
        Instant close = s.untilMidnight() ? d.plusDays(1).atStartOfDay(zone).toInstant()
            : ZonedDateTime.of(d, s.to(), zone).toInstant();
        long to = Math.min(cap, nanos(start, close));
        if (from < to && from < end) {
          spans.add(new long[] {from, to});
        }
      }
    }
    spans.sort(Comparator.comparingLong(a -> a[0]));
    List<Shift> out = new ArrayList<>();
    long[] open = null;
    for (long[] s : spans) {
      if (open != null && s[0] <= open[1]) {
        open[1] = Math.max(open[1], s[1]);
        continue;
      }
      if (open != null) {
        out.add(shift(open));
      }
      open = s.clone();
    }
    if (open != null) {
      out.add(shift(open));
    }
    return List.copyOf(out);
  }

  private static Shift shift(long[] span) {
    return Shift.of(Duration.ofNanos(span[0]), Duration.ofNanos(span[1]));
  }

  private static long nanos(Instant start, Instant at) {
    return Duration.between(start, at).toNanos();
  }
}
