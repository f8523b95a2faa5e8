package dev.switchboard.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.RandomTries;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Business-time arithmetic, checked against dates worked out by hand: the Friday-evening
 * email, a holiday, both daylight-saving changes in Paris, exceptions; and, over random calendars,
 * that {@code plus} and {@code openTimeBetween} agree with each other.
 */
class BusinessCalendarTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final BusinessCalendar OFFICE = BusinessCalendar.builder("office", PARIS)
      .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00")
      .build();

  @Test
  void anEmailFridayAt18_withFourBusinessHours_isDueMondayAt13() {
    Instant friday18 = paris(2026, 12, 4, 18, 0); // a Friday
    assertThat(OFFICE.plus(friday18, Duration.ofHours(4))).isEqualTo(paris(2026, 12, 7, 13, 0));
    assertThat(OFFICE.isOpen(friday18)).isFalse();
    assertThat(OFFICE.nextOpening(friday18)).contains(paris(2026, 12, 7, 9, 0));
    assertThat(OFFICE.openTimeBetween(friday18, paris(2026, 12, 7, 13, 0)))
        .isEqualTo(Duration.ofHours(4));
  }

  @Test
  void aHolidayMonday_movesTheDeadlineToTuesday() {
    BusinessCalendar withHoliday = BusinessCalendar.builder("office", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00")
        .holiday(LocalDate.of(2026, 12, 7))
        .build();
    assertThat(withHoliday.plus(paris(2026, 12, 4, 18, 0), Duration.ofHours(4)))
        .isEqualTo(paris(2026, 12, 8, 13, 0));
    assertThat(withHoliday.hoursOn(LocalDate.of(2026, 12, 7))).isEmpty();
  }

  @Test
  void inTheMiddleOfTheDay_timeRunsAcrossLunchAndTheNight() {
    BusinessCalendar lunch = BusinessCalendar.builder("lunch", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-17:00")
        .build();
    Instant tuesday11 = paris(2026, 12, 8, 11, 0);
    assertThat(lunch.plus(tuesday11, Duration.ofHours(2))).isEqualTo(paris(2026, 12, 8, 14, 0));
    assertThat(lunch.plus(tuesday11, Duration.ofHours(5))).isEqualTo(paris(2026, 12, 8, 17, 0))
        .as("time running out at closing gives the closing time");
    assertThat(lunch.plus(tuesday11, Duration.ofHours(6))).isEqualTo(paris(2026, 12, 9, 10, 0));
    assertThat(lunch.isOpen(paris(2026, 12, 8, 12, 30))).isFalse();
    assertThat(lunch.isOpen(paris(2026, 12, 8, 13, 0))).isTrue();
    assertThat(lunch.isOpen(paris(2026, 12, 8, 17, 0))).as("closing is exclusive").isFalse();
    assertThat(lunch.plus(tuesday11, Duration.ZERO)).isEqualTo(tuesday11);
  }

  @Test
  void acrossTheSpringChange_theWeekendJumpCostsNothing_andTheMondaySpanIsWhole() {
    // Paris goes from CET (+01) to CEST (+02) on Sunday 2026-03-29 at 02:00
    Instant friday16 = paris(2026, 3, 27, 16, 0);
    assertThat(OFFICE.plus(friday16, Duration.ofHours(4))).isEqualTo(paris(2026, 3, 30, 12, 0));
    assertThat(paris(2026, 3, 30, 12, 0)).isEqualTo(Instant.parse("2026-03-30T10:00:00Z"));
  }

  @Test
  void onTheSpringChange_aSpanAcrossIt_lastsAnHourLess() {
    BusinessCalendar night = BusinessCalendar.builder("night", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "01:00-04:00").build();
    Instant sunday1 = paris(2026, 3, 29, 1, 0); // 00:00Z
    assertThat(night.openTimeBetween(sunday1, paris(2026, 3, 29, 5, 0)))
        .isEqualTo(Duration.ofHours(2));
    assertThat(night.plus(sunday1, Duration.ofHours(2)))
        .isEqualTo(Instant.parse("2026-03-29T02:00:00Z")); // 04:00 CEST: the span's end
    assertThat(night.plus(sunday1, Duration.ofHours(3)))
        .isEqualTo(paris(2026, 3, 30, 2, 0)); // the last hour runs on Monday night
  }

  @Test
  void onTheAutumnChange_aSpanAcrossIt_lastsAnHourMore() {
    // Paris goes back from CEST to CET on Sunday 2026-10-25 at 03:00
    BusinessCalendar night = BusinessCalendar.builder("night", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, "01:00-04:00").build();
    Instant sunday1 = paris(2026, 10, 25, 1, 0); // 23:00Z on the 24th
    assertThat(night.openTimeBetween(sunday1, paris(2026, 10, 25, 5, 0)))
        .isEqualTo(Duration.ofHours(4));
    assertThat(night.plus(sunday1, Duration.ofHours(4)))
        .isEqualTo(Instant.parse("2026-10-25T03:00:00Z")); // 04:00 CET
    Instant friday16 = paris(2026, 10, 23, 16, 0);
    assertThat(OFFICE.plus(friday16, Duration.ofHours(4))).isEqualTo(paris(2026, 10, 26, 12, 0));
  }

  @Test
  void exceptions_closeAnAfternoon_orExtendAnEvening() {
    BusinessCalendar cal = BusinessCalendar.builder("office", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00")
        .exception(LocalDate.of(2026, 12, 24), "09:00-12:00")
        .exception(LocalDate.of(2026, 12, 22), "09:00-20:00")
        .holiday(LocalDate.of(2026, 12, 25))
        .exception(LocalDate.of(2026, 12, 26), "10:00-14:00") // a Saturday opened once
        .build();
    assertThat(cal.plus(paris(2026, 12, 24, 11, 0), Duration.ofHours(3)))
        .isEqualTo(paris(2026, 12, 26, 12, 0));
    assertThat(cal.isOpen(paris(2026, 12, 22, 19, 30))).isTrue();
    assertThat(cal.isOpen(paris(2026, 12, 21, 19, 30))).isFalse();
    assertThat(cal.nextOpening(paris(2026, 12, 24, 12, 0))).contains(paris(2026, 12, 26, 10, 0));
  }

  @Test
  void alwaysOpen_makesBusinessTimePlainTime() {
    BusinessCalendar always = BusinessCalendar.alwaysOpen("24x7");
    Instant t = Instant.parse("2026-03-29T00:30:00Z");
    assertThat(always.plus(t, Duration.ofHours(100))).isEqualTo(t.plus(Duration.ofHours(100)));
    assertThat(always.openTimeBetween(t, t.plus(Duration.ofDays(9))))
        .isEqualTo(Duration.ofDays(9));
  }

  @Test
  void badValues_areRefusedNamingTheProblem() {
    assertThatThrownBy(() -> BusinessCalendar.builder("x", PARIS)
        .open(DayOfWeek.MONDAY, "09:00-13:00", "12:00-17:00").build())
        .hasMessage("calendar x: on MONDAY the open spans 09:00-13:00 and 12:00-17:00 overlap");
    assertThatThrownBy(() -> OpenSpan.parse("17:00-09:00"))
        .hasMessageContaining("17:00-09:00 is empty or runs backwards");
    assertThatThrownBy(() -> OpenSpan.parse("9am to 5pm"))
        .hasMessageContaining("is not HH:mm-HH:mm");
    assertThatThrownBy(() -> OpenSpan.parse("9am-5pm"))
        .hasMessage("open span \"9am-5pm\": \"9am\" is not a time of day HH:mm");
    assertThatThrownBy(() -> OpenSpan.parse("09:00-25:00"))
        .hasMessageContaining("\"25:00\" is not a time of day HH:mm (or 24:00)");
    assertThat(OpenSpan.parse("18:00-24:00").untilMidnight()).isTrue();
    assertThat(OpenSpan.parse("18:00-24:00")).hasToString("18:00-24:00");
    assertThatThrownBy(() -> OFFICE.plus(Instant.EPOCH, Duration.ofHours(-1)))
        .hasMessageContaining("allowed: zero or more");
    BusinessCalendar never = BusinessCalendar.builder("never", PARIS).build();
    assertThatThrownBy(() -> never.plus(Instant.EPOCH, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("calendar never stays closed for 400 days in a row");
    assertThat(never.nextOpening(Instant.EPOCH)).isEmpty();
    assertThat(never.openTimeBetween(Instant.EPOCH, Instant.EPOCH.plus(Duration.ofDays(30))))
        .isZero();
  }

  @Test
  void plusAndOpenTimeBetween_agree_overRandomCalendars() {
    RandomTries.check("openTimeBetween(t, plus(t, d)) == d, and plus is monotone", 300, 2026,
        BusinessCalendarTest::randomCase, c -> {
          Instant end = c.calendar().plus(c.start(), c.amount());
          assertThat(c.calendar().openTimeBetween(c.start(), end)).isEqualTo(c.amount());
          Instant more = c.calendar().plus(c.start(), c.amount().plusMinutes(1));
          assertThat(more).isAfter(end);
          if (!c.amount().isZero()) {
            assertThat(c.calendar().isOpen(end.minusNanos(1))).as("time runs only while open")
                .isTrue();
          }
        });
  }

  private record Case(BusinessCalendar calendar, Instant start, Duration amount) {}

  private static Case randomCase(Random r) {
    List<String> zones = List.of("Europe/Paris", "America/New_York", "Asia/Kolkata",
        "Australia/Lord_Howe", "UTC");
    BusinessCalendar.Builder b = BusinessCalendar.builder("random",
        ZoneId.of(zones.get(r.nextInt(zones.size()))));
    for (DayOfWeek d : DayOfWeek.values()) {
      if (r.nextInt(4) > 0) {
        int open = r.nextInt(20);
        int close = open + 1 + r.nextInt(24 - open);
        b.open(d, String.format("%02d:%02d-%s", open, r.nextInt(4) * 15,
            close == 24 ? "24:00" : String.format("%02d:00", close)));
      }
    }
    b.open(DayOfWeek.WEDNESDAY, "10:00-11:00"); // open at least once a week
    LocalDate base = LocalDate.of(2026, 1, 1).plusDays(r.nextInt(365));
    for (int i = 0; i < 3; i++) {
      b.holiday(base.plusDays(r.nextInt(60)));
    }
    Instant start = base.atStartOfDay(ZoneId.of("UTC")).toInstant()
        .plusSeconds(r.nextInt(7 * 24 * 3600));
    return new Case(b.build(), start, Duration.ofMinutes(r.nextInt(60 * 60)));
  }

  private static Instant paris(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(PARIS).toInstant();
  }
}
