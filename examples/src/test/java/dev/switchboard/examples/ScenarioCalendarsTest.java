package dev.switchboard.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Presence;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.sim.SimulationObserver;
import dev.switchboard.sim.SimulationReport;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendars, queue hours, agents on a calendar and SLA calendars in a scenario file. */
class ScenarioCalendarsTest {

  private static final String CENTRE = """
      {
        "hours": 72, "replications": 2, "seed": 3, "start": "2026-03-27T00:00:00Z",
        "calendars": {
          "office": {"zone": "Europe/Paris",
                     "hours": {"monday-friday": "09:00-12:00, 13:00-17:00", "saturday": "10:00-12:00"},
                     "holidays": ["2026-03-30"], "exceptions": {"2026-03-28": "closed"}}
        },
        "queues": {"support": [{"target": "requiredSkills"}]},
        "queueHours": {"support": {"calendar": "office", "afterHours": "hold"}},
        "slaPolicies": [{"name": "chat", "calendar": "office", "channel": "chat",
                         "firstResponseSeconds": 3600}],
        "agents": [{"id": "a", "count": 2, "channels": {"chat": 1}, "calendar": "office"}],
        "streams": [{"name": "chats", "channel": "chat", "queue": "support", "ratePerHour": 3,
                     "handleTime": {"fixed": 120}}]
      }
      """;

  private static BusinessCalendar office() {
    return BusinessCalendar.builder("office", ZoneId.of("Europe/Paris"))
        .open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "09:00-12:00", "13:00-17:00")
        .open(DayOfWeek.SATURDAY, "10:00-12:00")
        .holiday(java.time.LocalDate.of(2026, 3, 30))
        .exception(java.time.LocalDate.of(2026, 3, 28)).build();
  }

  @Test
  void aScenarioWithCalendars_logsAgentsInByThem_andHoldsWorkWhileTheQueueIsClosed() {
    List<RoutingEvent> events = new ArrayList<>();
    SimulationReport report = Scenario.parse(CENTRE, new SimulationObserver() {
      @Override
      public void onEvent(RoutingEvent event) {
        events.add(event);
      }
    }).run();
    BusinessCalendar office = office();
    List<Instant> logins = new ArrayList<>();
    long held = 0;
    for (RoutingEvent e : events) {
      if (e instanceof PresenceChanged p && p.to().status() == Presence.Status.AVAILABLE
          && p.from().status() == Presence.Status.OFFLINE) {
        logins.add(p.at());
        assertThat(office.isOpen(p.at())).isTrue();
        assertThat(office.isOpen(p.at().minusNanos(1))).isFalse();
      } else if (e instanceof ItemAssigned a) {
        assertThat(office.isOpen(a.at())).as("assigned at %s", a.at()).isTrue();
      } else if (e instanceof ItemHeld) {
        held++;
      }
    }
    // Friday 09:00 and 13:00 Paris (UTC+1); Saturday is an exception, Monday a holiday
    assertThat(logins).contains(Instant.parse("2026-03-27T08:00:00Z"),
        Instant.parse("2026-03-27T12:00:00Z"));
    assertThat(logins).allSatisfy(t -> assertThat(t).isBefore(Instant.parse("2026-03-28T00:00:00Z")));
    assertThat(held).isPositive();
    // closed from Friday 17:00 to Tuesday 09:00: the held work waits days, and the report says so
    assertThat(report.overall().averageSpeedOfAnswerSeconds().mean()).isGreaterThan(3600);
  }

  @Test
  void calendarMistakes_nameTheirPath() {
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("Europe/Paris", "Europe/Nowhere")))
        .isInstanceOf(UserError.class).hasMessageContaining("$.calendars.office.zone")
        .hasMessageContaining("a time zone id");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("monday-friday", "monday-funday")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("$.calendars.office.hours.monday-funday");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("09:00-12:00,", "09:00-25:00,")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("$.calendars.office.hours.monday-friday");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("\"2026-03-30\"", "\"30/03/2026\"")))
        .isInstanceOf(UserError.class).hasMessageContaining("$.calendars.office.holidays[0]");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("1}, \"calendar\": \"office\"",
        "1}, \"calendar\": \"home\""))).isInstanceOf(UserError.class)
        .hasMessageContaining("$.agents[0].calendar").hasMessageContaining("[office]");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("\"chat\", \"calendar\": \"office\"",
        "\"chat\", \"calendar\": \"home\""))).isInstanceOf(UserError.class)
        .hasMessageContaining("$.slaPolicies[0].calendar");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("\"afterHours\": \"hold\"",
        "\"afterHours\": \"drop\""))).isInstanceOf(UserError.class)
        .hasMessageContaining("$.queueHours.support.afterHours");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("\"afterHours\": \"hold\"",
        "\"afterHours\": \"sendTo\""))).isInstanceOf(UserError.class)
        .hasMessageContaining("$.queueHours.support").hasMessageContaining("sendTo");
    assertThatThrownBy(() -> Scenario.parse(CENTRE.replace("2026-03-27T00:00:00Z", "friday")))
        .isInstanceOf(UserError.class).hasMessageContaining("$.start");
  }
}
