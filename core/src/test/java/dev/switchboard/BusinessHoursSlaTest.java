package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.SlaResumed;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks on business time, on the manual clock: the email arriving on a Friday evening
 * for a team open Monday to Friday 09:00 to 17:00, with a four-business-hour first response, is due
 * Monday at 13:00 and warns before, not during the weekend; the same across a holiday and both
 * daylight-saving changes in Paris; a pause while waiting for the customer keeps the open time
 * left, not the wall-clock time.
 */
class BusinessHoursSlaTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static BusinessCalendar office(LocalDate... holidays) {
    BusinessCalendar.Builder b = BusinessCalendar.builder("office", PARIS)
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-17:00");
    for (LocalDate h : holidays) {
      b.holiday(h);
    }
    return b.build();
  }

  private static Fixture fixture(BusinessCalendar calendar, Instant start) {
    Fixture f = Fixture.of(b -> b.slaPolicy(SlaPolicy.builder("email-office")
        .channel(Channel.EMAIL).firstResponse(Duration.ofHours(4))
        .resolution(Duration.ofHours(16)).warnAt(0.75).calendar(calendar).build()));
    f.clock.set(start);
    return f;
  }

  private static WorkItem mail(String id) {
    return WorkItem.builder(id, Channel.EMAIL).customer("c-" + id).conversation("t-" + id)
        .build();
  }

  @Test
  void anEmailFridayAt18_warnsMondayAt12_andBreachesAt13_withNothingAtTheWeekend() {
    Fixture f = fixture(office(), paris(2026, 12, 4, 18, 0));
    f.submit(mail("m1"));
    runTo(f, paris(2026, 12, 7, 8, 59));
    assertThat(f.events(SlaWarning.class)).as("nothing fires while the office is closed").isEmpty();
    runTo(f, paris(2026, 12, 7, 11, 59));
    assertThat(f.events(SlaWarning.class)).isEmpty();
    runTo(f, paris(2026, 12, 7, 12, 0));
    assertThat(f.events(SlaWarning.class)).singleElement().satisfies(w -> {
      assertThat(w.at()).isEqualTo(paris(2026, 12, 7, 12, 0)); // 3 of 4 open hours
      assertThat(w.deadline()).isEqualTo(paris(2026, 12, 7, 13, 0));
    });
    runTo(f, paris(2026, 12, 7, 13, 0));
    assertThat(f.events(SlaBreached.class)).singleElement().satisfies(b -> {
      assertThat(b.clock()).isEqualTo(SlaClock.FIRST_RESPONSE);
      assertThat(b.at()).isEqualTo(paris(2026, 12, 7, 13, 0));
    });
  }

  @Test
  void aHolidayMonday_movesWarningAndBreachToTuesday() {
    Fixture f = fixture(office(LocalDate.of(2026, 12, 7)), paris(2026, 12, 4, 18, 0));
    f.submit(mail("m1"));
    runTo(f, paris(2026, 12, 8, 11, 59));
    assertThat(f.events(SlaWarning.class)).isEmpty();
    runTo(f, paris(2026, 12, 8, 13, 0));
    assertThat(f.events(SlaWarning.class)).extracting(w -> w.at())
        .containsExactly(paris(2026, 12, 8, 12, 0));
    assertThat(f.events(SlaBreached.class)).extracting(b -> b.at())
        .containsExactly(paris(2026, 12, 8, 13, 0));
  }

  @Test
  void acrossBothDaylightSavingChanges_theDeadlineIsMondayAt13LocalTime() {
    for (LocalDate friday : new LocalDate[] {LocalDate.of(2026, 3, 27),
        LocalDate.of(2026, 10, 23)}) {
      Fixture f = fixture(office(), friday.atTime(18, 0).atZone(PARIS).toInstant());
      f.submit(mail("m1"));
      LocalDate monday = friday.plusDays(3);
      runTo(f, monday.atTime(13, 0).atZone(PARIS).toInstant());
      assertThat(f.events(SlaWarning.class)).as("warning after the change of " + friday)
          .extracting(w -> w.at()).containsExactly(monday.atTime(12, 0).atZone(PARIS).toInstant());
      assertThat(f.events(SlaBreached.class)).as("breach after the change of " + friday)
          .extracting(b -> b.at()).containsExactly(monday.atTime(13, 0).atZone(PARIS).toInstant());
    }
  }

  @Test
  void waitingForTheCustomerOverTheNight_keepsTheOpenTimeLeft() {
    Fixture f = fixture(office(), paris(2026, 12, 8, 9, 0)); // a Tuesday
    f.addAvailable(Agent.builder("ted").channel(Channel.EMAIL).build());
    f.submit(mail("m1"));
    f.accept("ted", "m1");
    // resolution: 16 open hours, due Wednesday 17:00; warning at 12 open hours, Wednesday 13:00
    runTo(f, paris(2026, 12, 8, 16, 0));
    f.ok(f.sb.awaitCustomer("ted", "m1"));          // 9 open hours left, 5 to the warning
    runTo(f, paris(2026, 12, 9, 10, 0));             // the customer answers the next morning
    f.ok(f.sb.followUp("t-m1", Map.of("text", "here is the log")));
    assertThat(f.events(SlaResumed.class)).singleElement().satisfies(r -> assertThat(r.deadline())
        .isEqualTo(paris(2026, 12, 10, 11, 0)));     // Wed 10:00 + 9 open hours = Thu 11:00
    runTo(f, paris(2026, 12, 9, 15, 0));
    assertThat(f.events(SlaWarning.class)).extracting(w -> w.clock() + " " + w.at())
        .containsExactly("RESOLUTION " + paris(2026, 12, 9, 15, 0));
    runTo(f, paris(2026, 12, 10, 11, 0));
    assertThat(f.events(SlaBreached.class)).extracting(b -> b.clock() + " " + b.at())
        .containsExactly("RESOLUTION " + paris(2026, 12, 10, 11, 0));
  }

  @Test
  void aPolicyCalendar_isSetOnce() {
    SlaPolicy.Builder b = SlaPolicy.builder("p").calendar(office());
    assertThatThrownBy(() -> b.calendar(office()))
        .hasMessage("SLA policy 'p': calendar was already set");
    assertThat(b.firstResponse(Duration.ofHours(1)).build().calendar()).contains(office());
    assertThat(SlaPolicy.builder("q").resolution(Duration.ofHours(1)).build().calendar())
        .isEmpty();
    assertThatThrownBy(() -> SlaPolicy.builder("never").firstResponse(Duration.ofHours(1))
        .calendar(BusinessCalendar.builder("closed", PARIS).build()).build())
        .hasMessage("SLA policy 'never': calendar closed opens on no day of the week, so its"
            + " clocks would never run");
  }

  /**
   * Moves the clock to the instant, stopping at every whole hour on the way: the deadlines here
   * fall on whole hours, so each timer fires at its own time.
   */
  private static void runTo(Fixture f, Instant until) {
    while (f.clock.instant().isBefore(until)) {
      Instant now = f.clock.instant();
      Instant nextHour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600);
      f.advance(Duration.between(now, nextHour.isBefore(until) ? nextHour : until));
    }
  }

  private static Instant paris(int y, int m, int d, int h, int min) {
    return LocalDateTime.of(y, m, d, h, min).atZone(PARIS).toInstant();
  }
}
