package dev.switchboard.testing;

import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random business hours for the randomised tests: calendars that open and close every few minutes
 * all day long, so that runs of a few minutes of engine time cross openings and closings (holding
 * work, releasing it, withholding campaign contacts), and random after-hours rules.
 */
public final class RandomHours {

  /** Zones a random contact may live in: the calendars' spans fall at other instants there. */
  public static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"),
      ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

  private RandomHours() {}

  /**
   * A calendar in UTC open every day in spans of one to three minutes with gaps of one to three
   * minutes, the same pattern each day.
   */
  public static BusinessCalendar flickering(String name, Random r) {
    List<String> spans = new ArrayList<>();
    int minute = r.nextInt(3);
    while (true) {
      int from = minute;
      int to = from + 1 + r.nextInt(3);
      if (to >= 24 * 60) {
        break;
      }
      spans.add(time(from) + "-" + time(to));
      minute = to + 1 + r.nextInt(3);
    }
    return BusinessCalendar.builder(name, ZoneId.of("UTC"))
        .open(DayOfWeek.MONDAY, DayOfWeek.SUNDAY, spans.toArray(String[]::new)).build();
  }

  private static String time(int minutes) {
    return LocalTime.of(minutes / 60, minutes % 60).toString();
  }

  /** Hold, send to {@code otherQueue}, or answer automatically and hold. */
  public static AfterHours afterHours(Random r, String otherQueue) {
    return switch (r.nextInt(3)) {
      case 0 -> AfterHours.hold();
      case 1 -> AfterHours.sendTo(otherQueue);
      default -> AfterHours.autoReply("closed now; back in a few minutes");
    };
  }

  /** A random contact zone. */
  public static ZoneId zone(Random r) {
    return ZONES.get(r.nextInt(ZONES.size()));
  }
}
