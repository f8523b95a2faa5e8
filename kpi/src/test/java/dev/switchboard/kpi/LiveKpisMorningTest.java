package dev.switchboard.kpi;

import static dev.switchboard.kpi.Dimension.AGENT;
import static dev.switchboard.kpi.Dimension.ALL;
import static dev.switchboard.kpi.Dimension.ALL_KEY;
import static dev.switchboard.kpi.Dimension.CHANNEL;
import static dev.switchboard.kpi.Dimension.QUEUE;
import static dev.switchboard.kpi.Dimension.TEAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted morning on the manual engine, every figure counted by hand from the script (the
 * comments show the sums). Interval A is 08:00-08:15, B 08:15-08:30, C 08:30-08:45. Queue
 * "support" (chat, agents ann and bob of team red) has a 20 s / 80% target; every other queue
 * ("sales": email, agent cat of team blue) the default set here, 60 s / 50%.
 */
class LiveKpisMorningTest {

  private final LiveKpis kpis = LiveKpis.builder()
      .serviceTarget("support", Duration.ofSeconds(20), 0.8)
      .defaultServiceTarget(Duration.ofSeconds(60), 0.5)
      .build();
  private Morning m;
  private KpiSnapshot atHalfPast;

  @BeforeEach
  void runTheMorning() {
    try (Morning morning = new Morning(kpis)) {
      m = morning;
      m.at("08:00:00").available("ann")
          .at("08:01:00").chat("c1", null)                       // ann at once: 0 s
          .at("08:02:00").chat("c2", Duration.ofSeconds(30))     // queued; breaches 08:02:30
          .at("08:02:10").chat("c3", Duration.ofSeconds(30))     // queued; breaches 08:02:40
          .at("08:02:30").chat("c4", null)                       // queued
          .at("08:03:00").complete("ann", "c1", Outcome.RESOLVED) // c2 to ann: 60 s, late
          .at("08:03:05").abandon("c3")                          // after 55 s: late
          .at("08:04:00").available("bob")                       // c4 to bob: 90 s, late
          .at("08:04:05").chat("c5", null)
          .at("08:04:15").abandon("c5")                          // after 10 s: in time
          .at("08:05:00").email("e1")                            // queued; warning 08:05:25
          .at("08:05:30").available("cat")                       // e1 to cat: 30 s, in time
          .at("08:10:00").complete("ann", "c2", Outcome.UNRESOLVED)
          .at("08:12:00").complete("bob", "c4", Outcome.RESOLVED)
          .at("08:14:00").complete("cat", "e1", Outcome.RESOLVED)
          .at("08:16:00").campaign("winback", "w1", "cat")       // campaign item to cat
          .at("08:20:00").offline("bob").followUp("conv-c1")     // reopens c1: to ann at once
          .at("08:24:00").complete("cat", "winback/w1#1", Outcome.RESOLVED)
          .at("08:25:00").complete("ann", "conv-c1#2", Outcome.RESOLVED)
          .at("08:26:00").chat("c6", null)                       // ann at once
          .at("08:29:00").complete("ann", "c6", Outcome.RESOLVED).away("ann")
          .at("08:29:10").chat("c7", null);                      // queued: nobody available
      atHalfPast = kpis.snapshot(Morning.instant("08:29:30"));
      m.at("08:31:00").abandon("c7");                            // after 110 s: late
    }
  }

  @Test
  void intervalA_perQueueChannelTeamAndAgent() {
    // offered, waited, answered, answeredInTime, abandoned, abandonedInTime, unanswered,
    // handled, campaignHandled, slaWarnings, slaBreaches, resolved, firstContact, reopened
    assertCounts(a(ALL, ALL_KEY), 6, 5, 4, 2, 2, 1, 0, 4, 0, 1, 2, 3, 3, 0);
    assertCounts(a(QUEUE, "support"), 5, 4, 3, 1, 2, 1, 0, 3, 0, 0, 2, 2, 2, 0);
    assertCounts(a(CHANNEL, "chat"), 5, 4, 3, 1, 2, 1, 0, 3, 0, 0, 2, 2, 2, 0);
    assertCounts(a(QUEUE, "sales"), 1, 1, 1, 1, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0);
    assertCounts(a(TEAM, "red"), 0, 0, 3, 1, 0, 0, 0, 3, 0, 0, 0, 2, 2, 0);
    assertCounts(a(AGENT, "ann"), 0, 0, 2, 1, 0, 0, 0, 2, 0, 0, 0, 1, 1, 0);
    assertCounts(a(AGENT, "bob"), 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0);
    assertCounts(a(TEAM, "blue"), 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0);

    IntervalKpis all = a(ALL, ALL_KEY);
    assertThat(all.start()).isEqualTo(Morning.instant("08:00:00"));
    assertThat(all.end()).isEqualTo(Morning.instant("08:15:00"));
    assertThat(all.serviceLevel().getAsDouble()).isEqualTo(2.0 / (4 + 2 - 1));
    assertThat(all.probabilityOfWait().getAsDouble()).isEqualTo(5.0 / 6);
    assertThat(all.abandonmentRate().getAsDouble()).isEqualTo(2.0 / 6);
    assertThat(all.speedOfAnswer()).isEqualTo(seconds(0 + 60 + 90 + 30));
    assertThat(all.averageSpeedOfAnswer()).contains(seconds(45));
    assertThat(all.handleTime()).isEqualTo(seconds(120 + 420 + 480 + 510));
    assertThat(all.busyTime()).isEqualTo(seconds(540 + 480 + 510));
    assertThat(all.staffedTime()).isEqualTo(seconds(900 + 660 + 570));
    assertThat(all.occupancy().getAsDouble()).isEqualTo(1530.0 / 2130);
    assertThat(all.target()).isEmpty();

    IntervalKpis support = a(QUEUE, "support");
    assertThat(support.serviceLevel().getAsDouble()).isEqualTo(1.0 / (3 + 2 - 1));
    assertThat(support.target()).contains(new ServiceTarget(Duration.ofSeconds(20), 0.8));
    assertThat(support.meetsTarget()).contains(false);
    assertThat(support.speedOfAnswer()).isEqualTo(seconds(0 + 60 + 90));
    assertThat(support.handleTime()).isEqualTo(seconds(120 + 420 + 480));
    assertThat(support.occupancy()).isEmpty();                  // queues hold no agent time
    assertThat(support.abandonWait()).isEqualTo(seconds(55 + 10));
    assertThat(support.estimatedPatience())                     // (answered + abandoned) / 2
        .contains(seconds(0 + 60 + 90 + 55 + 10).dividedBy(2));
    assertThat(support.affinityHitRate().getAsDouble()).as("no affinity steps here").isZero();
    assertThat(support.affinityWait()).isZero();
    IntervalKpis sales = a(QUEUE, "sales");
    assertThat(sales.serviceLevel().getAsDouble()).isEqualTo(1.0);
    assertThat(sales.meetsTarget()).contains(true);

    IntervalKpis ann = a(AGENT, "ann");
    assertThat(ann.busyTime()).isEqualTo(seconds(120 + 420));
    assertThat(ann.staffedTime()).isEqualTo(seconds(900));
    assertThat(ann.averageHandleTime()).contains(seconds((120 + 420) / 2));
    assertThat(a(AGENT, "bob").staffedTime()).isEqualTo(seconds(660));   // from 08:04
    assertThat(a(AGENT, "cat").staffedTime()).isEqualTo(seconds(570));   // from 08:05:30
    assertThat(a(TEAM, "red").occupancy().getAsDouble()).isEqualTo(1020.0 / 1560);
    assertThat(a(TEAM, "red").firstContactResolution().getAsDouble()).isEqualTo(2.0 / 3);
  }

  @Test
  void intervalB_whileOpen_andOnceClosed() {
    assertThat(atHalfPast.at()).isEqualTo(Morning.instant("08:29:30"));
    IntervalKpis open = atHalfPast.interval(ALL, ALL_KEY).orElseThrow();
    assertThat(open.start()).isEqualTo(Morning.instant("08:15:00"));
    // conv-c1#2, c6, c7 offered; the campaign item is not an arrival
    assertCounts(open, 3, 1, 2, 2, 0, 0, 0, 3, 1, 0, 0, 3, 1, 1);
    // ann 08:15-08:29 (away after), bob 08:15-08:20 (offline after), cat up to the snapshot
    assertThat(open.staffedTime()).isEqualTo(seconds(840 + 300 + 870));
    assertThat(open.busyTime()).isEqualTo(seconds(300 + 180 + 480));
    assertThat(open.campaignShare().getAsDouble()).isEqualTo(480.0 / (300 + 180 + 480));
    assertThat(open.firstContactResolution().getAsDouble()).isEqualTo(1.0 / 2);

    IntervalKpis closed = kpis.intervals(ALL, ALL_KEY).get(1);
    assertThat(closed.end()).isEqualTo(Morning.instant("08:30:00"));
    assertThat(closed.staffedTime()).isEqualTo(seconds(840 + 300 + 900));
    assertCounts(closed, 3, 1, 2, 2, 0, 0, 0, 3, 1, 0, 0, 3, 1, 1);

    List<IntervalKpis> sales = kpis.intervals(QUEUE, "sales");
    assertCounts(sales.get(1), 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0);
    assertThat(sales.get(1).campaignShare().getAsDouble()).isEqualTo(1.0);
    assertThat(sales.get(1).firstContactResolution()).isEmpty();  // campaign work only

    // the reopening counts for the queue it came back to and for ann, who had resolved it
    List<IntervalKpis> ann = kpis.intervals(AGENT, "ann");
    assertCounts(ann.get(1), 0, 0, 2, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 1);
    assertThat(kpis.intervals(TEAM, "red").get(1).reopened()).isEqualTo(1);
    assertThat(kpis.intervals(AGENT, "bob").get(1).staffedTime()).isEqualTo(seconds(300));
    assertThat(kpis.intervals(AGENT, "cat").get(1).campaignHandled()).isEqualTo(1);
  }

  @Test
  void backlog_countsWaitingWork_withTheOldestAge() {
    assertThat(atHalfPast.backlog().get("support"))
        .isEqualTo(new Backlog("support", 1, Optional.of(Morning.instant("08:29:10")),
            seconds(20)));
    assertThat(atHalfPast.backlog().get("sales"))
        .isEqualTo(new Backlog("sales", 0, Optional.empty(), Duration.ZERO));
    assertThat(kpis.snapshot(Morning.instant("08:31:00")).backlog().get("support").waiting())
        .isZero();
  }

  @Test
  void day_sumsTheIntervals() {
    IntervalKpis day = kpis.today(ALL, ALL_KEY).orElseThrow();
    assertThat(day.start()).isEqualTo(Morning.DAY);
    assertThat(day.end()).isEqualTo(Morning.DAY.plus(Duration.ofDays(1)));
    // A + B + C (c7 abandoned late at 08:31)
    assertCounts(day, 9, 6, 6, 4, 3, 1, 0, 7, 1, 1, 2, 6, 4, 1);
    assertThat(day.serviceLevel().getAsDouble()).isEqualTo(4.0 / (6 + 3 - 1));
    assertThat(day.speedOfAnswer()).isEqualTo(seconds(180));
    assertThat(day.handleTime()).isEqualTo(seconds(1530 + 960));
    assertThat(day.busyTime()).isEqualTo(seconds(1530 + 960));
    // cat alone staffed 08:30-08:31
    assertThat(day.staffedTime()).isEqualTo(seconds(2130 + 2040 + 60));
    assertThat(day.occupancy().getAsDouble()).isCloseTo(2490.0 / 4230, within(1e-12));

    List<IntervalKpis> all = kpis.intervals(ALL, ALL_KEY);
    assertThat(all).extracting(IntervalKpis::start).containsExactly(
        Morning.instant("08:00:00"), Morning.instant("08:15:00"), Morning.instant("08:30:00"));
    assertThat(all.stream().mapToLong(IntervalKpis::offered).sum()).isEqualTo(day.offered());
    assertThat(all.stream().mapToLong(IntervalKpis::abandoned).sum()).isEqualTo(day.abandoned());
  }

  @Test
  void aKeyWithNothingInAnInterval_showsZeros() {
    IntervalKpis bobC = kpis.intervals(AGENT, "bob").get(2);
    assertThat(bobC.start()).isEqualTo(Morning.instant("08:30:00"));
    assertThat(bobC.handled()).isZero();
    assertThat(bobC.staffedTime()).isEqualTo(Duration.ZERO);
    assertThat(bobC.occupancy()).isEmpty();
    assertThat(kpis.intervals(QUEUE, "nobody")).hasSize(3)
        .allSatisfy(k -> assertThat(k.offered()).isZero());
  }

  private IntervalKpis a(Dimension dimension, String key) {
    return kpis.intervals(dimension, key).get(0);
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  private static void assertCounts(IntervalKpis k, long... expected) {
    long[] actual = {k.offered(), k.waited(), k.answered(), k.answeredInTime(), k.abandoned(),
        k.abandonedInTime(), k.unanswered(), k.handled(), k.campaignHandled(), k.slaWarnings(),
        k.slaBreaches(), k.resolved(), k.resolvedAtFirstContact(), k.reopened()};
    assertThat(actual).as("offered, waited, answered, inTime, abandoned, abandonedInTime,"
        + " unanswered, handled, campaign, warnings, breaches, resolved, firstContact, reopened"
        + " of %s %s from %s", k.dimension(), k.key(), k.start()).containsExactly(expected);
  }
}
