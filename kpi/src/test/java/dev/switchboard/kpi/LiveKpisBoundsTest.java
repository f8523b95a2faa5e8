package dev.switchboard.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LiveKpisBoundsTest {

  private static final Instant START = Instant.parse("2025-03-03T00:00:00Z");

  /**
   * Three days of traffic in 5-minute intervals (864 of them), 60,000 items in 60,000
   * conversations: state stays within what is live and what is configured.
   */
  @Test
  void manyItemsOverManyIntervals_stateStaysBounded() {
    LiveKpis kpis = LiveKpis.builder().interval(Duration.ofMinutes(5)).intervalsKept(12)
        .conversationsKept(500).build();
    Events e = new Events();
    int agents = 20;
    for (int a = 0; a < agents; a++) {
      kpis.onEvent(e.agent(START, "a" + a, "team" + (a % 4)));
      kpis.onEvent(e.available(START, "a" + a));
    }
    int items = 60_000;
    Duration step = Duration.ofDays(3).dividedBy(items);
    int window = 100;
    int maxLive = 0;
    int maxKeys = 0;
    for (int i = 0; i < items; i++) {
      Instant t = START.plus(step.multipliedBy(i));
      String id = "i" + i;
      String queue = "q" + (i % 3);
      kpis.onEvent(e.submitted(t, id, queue, "conv-" + i));
      kpis.onEvent(e.queued(t, id, queue));
      maxLive = Math.max(maxLive, kpis.footprint().liveItems());
      if (i >= window) {                                // the item from a window ago ends
        int j = i - window;
        if (j % 10 == 0) {
          kpis.onEvent(e.abandoned(t, "i" + j));
        } else {
          String agent = "a" + (j % agents);
          kpis.onEvent(e.assigned(t, "i" + j, agent));
          kpis.onEvent(e.completed(t, "i" + j, agent));
        }
      }
      maxKeys = Math.max(maxKeys, kpis.footprint().currentKeys());
    }
    KpiFootprint end = kpis.footprint();
    assertThat(maxLive).isEqualTo(window + 1);   // the window, and the one just submitted
    assertThat(end.liveItems()).isEqualTo(window);
    assertThat(end.agents()).isEqualTo(agents);
    assertThat(end.closedIntervals()).isEqualTo(12);
    assertThat(end.conversations()).isEqualTo(500);
    // everything, 3 queues, 1 channel, 4 teams, 20 agents
    assertThat(maxKeys).isLessThanOrEqualTo(1 + 3 + 1 + 4 + agents);
    assertThat(kpis.intervals(Dimension.ALL, Dimension.ALL_KEY)).hasSize(13);
    // a closed interval's agent time is whole: 20 agents staffed for 5 minutes each
    assertThat(kpis.intervals(Dimension.ALL, Dimension.ALL_KEY).get(0).staffedTime())
        .isEqualTo(Duration.ofMinutes(5 * agents));
  }

  @Test
  void theDay_beginsAtMidnightInTheConfiguredZone() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    LiveKpis kpis = LiveKpis.builder().zone(paris).interval(Duration.ofHours(1)).build();
    Events e = new Events();
    Instant beforeMidnight = Instant.parse("2025-03-03T22:30:00Z");   // 23:30 in Paris
    Instant afterMidnight = Instant.parse("2025-03-03T23:30:00Z");    // 00:30 next day
    kpis.onEvent(e.agent(beforeMidnight, "ann", "red"));
    kpis.onEvent(e.available(beforeMidnight, "ann"));
    kpis.onEvent(e.submitted(beforeMidnight, "x", "q", "conv-x"));
    kpis.onEvent(e.submitted(afterMidnight, "y", "q", "conv-y"));

    IntervalKpis today = kpis.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow();
    assertThat(today.start()).isEqualTo(Instant.parse("2025-03-03T23:00:00Z"));
    assertThat(today.offered()).isEqualTo(1);
    assertThat(today.staffedTime()).isEqualTo(Duration.ofMinutes(30)); // since midnight
    IntervalKpis lastOfYesterday = kpis.intervals(Dimension.ALL, Dimension.ALL_KEY).get(0);
    assertThat(lastOfYesterday.start()).isEqualTo(Instant.parse("2025-03-03T22:00:00Z"));
    assertThat(lastOfYesterday.offered()).isEqualTo(1);
    assertThat(lastOfYesterday.staffedTime()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void onTheDayClocksGoForward_intervalsStayOnTheLocalHour() {
    ZoneId paris = ZoneId.of("Europe/Paris");    // 2025-03-30: 02:00 becomes 03:00
    LiveKpis kpis = LiveKpis.builder().zone(paris).interval(Duration.ofHours(1)).build();
    Events e = new Events();
    kpis.onEvent(e.submitted(Instant.parse("2025-03-30T01:30:00Z"), "x", "q", "c")); // 03:30
    IntervalKpis now = kpis.intervals(Dimension.ALL, Dimension.ALL_KEY).get(0);
    assertThat(now.start()).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));       // 03:00
    assertThat(kpis.today(Dimension.ALL, Dimension.ALL_KEY).orElseThrow().end())
        .isEqualTo(Instant.parse("2025-03-30T22:00:00Z"));   // a day of 23 hours
  }
}
