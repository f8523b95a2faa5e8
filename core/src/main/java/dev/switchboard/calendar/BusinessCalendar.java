package dev.switchboard.calendar;

import dev.switchboard.internal.check.Checks;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a team is open: weekly hours in a time zone (several spans a day, days closed), holidays
 * (closed all day) and one-off exceptions (a date with hours of its own: a closed afternoon, an
 * extended evening). Immutable; build one with {@link #builder}. It answers whether an instant is
 * open and does business-time arithmetic: {@link #plus} (the instant a given amount of open time
 * after another) and {@link #openTimeBetween}.
 *
 * <p><b>Which hours a date has.</b> An exception for the date, if any; else none on a holiday;
 * else the week's hours for its day. <b>Daylight saving</b> follows the zone's rules: spans are
 * wall-clock times, so on the day the clocks change a span across the change lasts an hour more
 * or less, and a span that starts in the hour skipped in spring opens when the clocks jump.
 *
 * <p><b>Never open.</b> Arithmetic gives up, with {@link IllegalStateException}, after {@value
 * #CLOSED_DAYS_LIMIT} days in a row without an open span: a calendar whose holidays close it for
 * longer is treated as a mistake rather than searched forever.
 *
 * @param name the calendar's name, as policies and queues refer to it
 * @param zone the time zone its hours are in
 * @param week each day's open spans, in order; a day missing is closed
 * @param holidays dates closed all day (unless an exception gives them hours)
 * @param exceptions dates with hours of their own, replacing the week's (empty: closed)
 * @since 0.3
 */
public record BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<OpenSpan>> week,
    Set<LocalDate> holidays, Map<LocalDate, List<OpenSpan>> exceptions) {

  /** Days in a row without an open span after which arithmetic gives up. */
  public static final int CLOSED_DAYS_LIMIT = 400;

  /** Checks and copies every field: spans of a day in order and not overlapping. */
  public BusinessCalendar {
    Checks.id("calendar name", name);
    Objects.requireNonNull(zone, "zone");
    Map<DayOfWeek, List<OpenSpan>> w = new EnumMap<>(DayOfWeek.class);
    Objects.requireNonNull(week, "week").forEach((day, spans) -> {
      List<OpenSpan> checked = spans(name, day.toString(), spans);
      if (!checked.isEmpty()) {
        w.put(Objects.requireNonNull(day, "day"), checked);
      }
    });
    week = Collections.unmodifiableMap(w);
    holidays = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(holidays,
        "holidays")));
    Map<LocalDate, List<OpenSpan>> x = new TreeMap<>();
    Objects.requireNonNull(exceptions, "exceptions").forEach((date, spans) ->
        x.put(Objects.requireNonNull(date, "date"), spans(name, date.toString(), spans)));
    exceptions = Collections.unmodifiableMap(x);
  }

  private static List<OpenSpan> spans(String calendar, String day, List<OpenSpan> spans) {
    List<OpenSpan> sorted = new ArrayList<>(Objects.requireNonNull(spans, "spans of " + day));
    sorted.forEach(s -> Objects.requireNonNull(s, "span of " + day));
    sorted.sort(Comparator.comparing(OpenSpan::from));
    for (int i = 1; i < sorted.size(); i++) {
      OpenSpan before = sorted.get(i - 1);
      if (before.untilMidnight() || before.to().isAfter(sorted.get(i).from())) {
        throw new IllegalArgumentException("calendar " + calendar + ": on " + day + " the open"
            + " spans " + before + " and " + sorted.get(i) + " overlap");
      }
    }
    return List.copyOf(sorted);
  }

  /** A builder for a calendar of the name in the zone, closed until told otherwise. */
  public static Builder builder(String name, ZoneId zone) {
    return new Builder(name, zone);
  }

  /** A calendar open around the clock, every day: business time is then plain time. */
  public static BusinessCalendar alwaysOpen(String name) {
    Builder b = builder(name, ZoneId.of("UTC"));
    b.open(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, OpenSpan.of(LocalTime.MIDNIGHT,
        LocalTime.MIDNIGHT));
    return b.build();
  }

  /**
   * The same hours, holidays and exceptions read as wall-clock times in another zone: a campaign
   * open 09:00 to 20:00 calls a contact in New York from 09:00 to 20:00 New York time. This
   * calendar itself when the zone is its own.
   */
  public BusinessCalendar inZone(ZoneId other) {
    Objects.requireNonNull(other, "other");
    return other.equals(zone) ? this : new BusinessCalendar(name, other, week, holidays,
        exceptions);
  }

  /** The open spans of a date: its exception's, none on a holiday, else its weekday's. */
  public List<OpenSpan> hoursOn(LocalDate date) {
    Objects.requireNonNull(date, "date");
    List<OpenSpan> exception = exceptions.get(date);
    if (exception != null) {
      return exception;
    }
    if (holidays.contains(date)) {
      return List.of();
    }
    return week.getOrDefault(date.getDayOfWeek(), List.of());
  }

  /** Whether the calendar is open at the instant. */
  public boolean isOpen(Instant at) {
    Objects.requireNonNull(at, "at");
    LocalDate date = at.atZone(zone).toLocalDate();
    for (OpenSpan s : hoursOn(date)) {
      if (!at.isBefore(start(date, s)) && at.isBefore(end(date, s))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first instant at or after {@code at} when the calendar is open ({@code at} itself when
   * open then); empty when it stays closed for {@value #CLOSED_DAYS_LIMIT} days.
   */
  public Optional<Instant> nextOpening(Instant at) {
    Objects.requireNonNull(at, "at");
    LocalDate date = at.atZone(zone).toLocalDate();
    for (int closed = 0; closed <= CLOSED_DAYS_LIMIT; date = date.plusDays(1)) {
      List<OpenSpan> spans = hoursOn(date);
      closed = spans.isEmpty() ? closed + 1 : 0;
      for (OpenSpan s : spans) {
        Instant end = end(date, s);
        if (end.isAfter(at)) {
          Instant start = start(date, s);
          if (start.isBefore(end)) {
            return Optional.of(start.isAfter(at) ? start : at);
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The instant at which {@code businessTime} of open time has passed since {@code start}:
   * a first-response deadline of four business hours is {@code plus(arrival, 4 hours)}. Closed
   * time does not count; the result is the end of an open span when the time runs out exactly
   * there. Zero gives {@code start}. Throws {@link IllegalStateException} when the calendar stays
   * closed for {@value #CLOSED_DAYS_LIMIT} days in a row before the time is used up.
   */
  public Instant plus(Instant start, Duration businessTime) {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(businessTime, "businessTime");
    if (businessTime.isNegative()) {
      throw new IllegalArgumentException("businessTime is " + businessTime
          + "; allowed: zero or more");
    }
    if (businessTime.isZero()) {
      return start;
    }
    Duration left = businessTime;
    LocalDate date = start.atZone(zone).toLocalDate();
    for (int closed = 0; closed <= CLOSED_DAYS_LIMIT; date = date.plusDays(1)) {
      List<OpenSpan> spans = hoursOn(date);
      closed = spans.isEmpty() ? closed + 1 : 0;
      for (OpenSpan s : spans) {
        Instant end = end(date, s);
        if (!end.isAfter(start)) {
          continue;
        }
        Instant from = max(start(date, s), start);
        Duration open = Duration.between(from, end);
        if (open.compareTo(left) >= 0) {
          return from.plus(left);
        }
        if (!open.isNegative()) {
          left = left.minus(open);
        }
      }
    }
    throw new IllegalStateException("calendar " + name + " stays closed for "
        + CLOSED_DAYS_LIMIT + " days in a row from " + date.minusDays(CLOSED_DAYS_LIMIT)
        + ", with " + left + " of the " + businessTime + " after " + start + " still to run");
  }

  /**
   * How much open time lies between two instants ({@code from} inclusive, {@code to} exclusive);
   * zero when {@code to} is not after {@code from}.
   */
  public Duration openTimeBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Duration total = Duration.ZERO;
    if (!to.isAfter(from)) {
      return total;
    }
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last);
        date = date.plusDays(1)) {
      for (OpenSpan s : hoursOn(date)) {
        Instant a = max(start(date, s), from);
        Instant b = min(end(date, s), to);
        if (b.isAfter(a)) {
          total = total.plus(Duration.between(a, b));
        }
      }
    }
    return total;
  }

  private Instant start(LocalDate date, OpenSpan s) {
    return ZonedDateTime.of(date, s.from(), zone).toInstant();
  }

  private Instant end(LocalDate date, OpenSpan s) {
    return s.untilMidnight() ? date.plusDays(1).atStartOfDay(zone).toInstant()
        : ZonedDateTime.of(date, s.to(), zone).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  /**
   * Builds a {@link BusinessCalendar}: every day closed until {@link #open} gives it spans.
   *
   * @since 0.3
   */
  public static final class Builder {

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<OpenSpan>> week = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays = new TreeSet<>();
    private final Map<LocalDate, List<OpenSpan>> exceptions = new TreeMap<>();

    private Builder(String name, ZoneId zone) {
      this.name = Checks.id("calendar name", name);
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Opens the day with these spans ({@code "09:00-12:00"}, ...), replacing any it had. */
    public Builder open(DayOfWeek day, String... spans) {
      return open(day, day, parse(spans));
    }

    /**
     * Opens every day from {@code first} to {@code last} (Monday to Friday; a range may wrap,
     * Saturday to Monday) with these spans, replacing any they had.
     */
    public Builder open(DayOfWeek first, DayOfWeek last, String... spans) {
      return open(first, last, parse(spans));
    }

    /** As {@link #open(DayOfWeek, DayOfWeek, String...)}, with spans as values. */
    public Builder open(DayOfWeek first, DayOfWeek last, OpenSpan... spans) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      List<OpenSpan> list = List.of(Objects.requireNonNull(spans, "spans"));
      for (DayOfWeek d = first; ; d = d.plus(1)) {
        week.put(d, list);
        if (d == last) {
          return this;
        }
      }
    }

    /** Closes the day of the week (it was open). */
    public Builder closed(DayOfWeek day) {
      week.remove(Objects.requireNonNull(day, "day"));
      return this;
    }

    /** Closes the date all day, unless an exception gives it hours. */
    public Builder holiday(LocalDate date) {
      holidays.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Gives the date hours of its own instead of its weekday's ({@code "09:00-12:00"} for a closed
     * afternoon, {@code "09:00-20:00"} for an extended evening); no spans closes it.
     */
    public Builder exception(LocalDate date, String... spans) {
      exceptions.put(Objects.requireNonNull(date, "date"), List.of(parse(spans)));
      return this;
    }

    /** The calendar; throws {@link IllegalArgumentException} for spans that overlap. */
    public BusinessCalendar build() {
      return new BusinessCalendar(name, zone, week, holidays, exceptions);
    }

    private static OpenSpan[] parse(String... spans) {
      Objects.requireNonNull(spans, "spans");
      OpenSpan[] parsed = new OpenSpan[spans.length];
      for (int i = 0; i < spans.length; i++) {
        parsed[i] = OpenSpan.parse(spans[i]);
      }
      return parsed;
    }
  }
}
