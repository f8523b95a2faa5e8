package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.RoutingPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The report's figures per interval of arrival: they cover the counted window, sum to the
 * report's totals, carry a confidence band, and repeat for a seed.
 */
class SimulationIntervalsTest {

  /** Two queues, agents for the whole run and one on a shift; a warm-up off the interval grid. */
  private static Simulation.Builder twoQueues() {
    Simulation.Builder b = Simulation.builder().engine(e -> e.queue("phone", RoutingPolicy.DEFAULT)
            .queue("web", RoutingPolicy.DEFAULT)).horizon(Duration.ofMinutes(155))
        .warmUp(Duration.ofMinutes(10)).replications(6).seed(3);
    for (int i = 1; i <= 3; i++) {
      b.agent(Agent.builder("a" + i).capacity(Channel.CHAT, 2).channel(Channel.VOICE).build());
    }
    b.agent(Agent.builder("late").channel(Channel.VOICE).build(),
        Shift.of(Duration.ofMinutes(45), Duration.ofMinutes(100)));
    b.stream(ArrivalStream.builder("calls", Channel.VOICE).queue("phone")
        .ratesPerHour(Duration.ofHours(1), List.of(20.0, 45.0, 25.0))
        .handleTime(Distribution.exponential(Duration.ofMinutes(4)))
        .patience(Distribution.exponential(Duration.ofMinutes(2))).build());
    b.stream(ArrivalStream.builder("chats", Channel.CHAT).queue("web").ratePerHour(30)
        .handleTime(Distribution.exponential(Duration.ofMinutes(6))).build());
    return b;
  }

  private static double sum(List<SimulatedInterval> list,
      Function<SimulatedInterval, Estimate> figure) {
    return list.stream().mapToDouble(i -> figure.apply(i).mean()).sum();
  }

  @Test
  void intervals_coverTheCountedWindow_inStepsOfTheLengthFromTheStart() {
    SimulationReport r = twoQueues().build().run();
    assertThat(r.intervalLength()).isEqualTo(Duration.ofMinutes(30));
    assertThat(r.intervals()).extracting(SimulatedInterval::label).containsExactly(
        "00:10-00:30", "00:30-01:00", "01:00-01:30", "01:30-02:00", "02:00-02:30",
        "02:30-02:35");
    assertThat(r.intervalsByQueue()).containsOnlyKeys("phone", "web");
    for (List<SimulatedInterval> q : r.intervalsByQueue().values()) {
      assertThat(q).extracting(SimulatedInterval::start)
          .isEqualTo(r.intervals().stream().map(SimulatedInterval::start).toList());
    }
  }

  @Test
  void intervalCounts_sumToTheTotals_overallAndPerQueue() {
    for (Simulation sim : List.of(twoQueues().build(), SimulationModelsTest.together())) {
      SimulationReport r = sim.run();
      List<SimulatedInterval> all = r.intervals();
      Outcomes o = r.outcomes();
      assertThat(sum(all, SimulatedInterval::offered)).isCloseTo(o.arrivals().mean(),
          within(1e-9));
      assertThat(sum(all, SimulatedInterval::answered)).isCloseTo(o.served().mean(),
          within(1e-9));
      assertThat(sum(all, SimulatedInterval::abandoned)).isCloseTo(o.abandoned().mean(),
          within(1e-9));
      assertThat(o.arrivals().mean()).isPositive();
      double queues = 0;
      for (Map.Entry<String, List<SimulatedInterval>> q : r.intervalsByQueue().entrySet()) {
        double offered = sum(q.getValue(), SimulatedInterval::offered);
        assertThat(offered).as(q.getKey())
            .isCloseTo(r.byQueue().get(q.getKey()).items().mean(), within(1e-9));
        queues += offered;
      }
      assertThat(queues).isCloseTo(o.arrivals().mean(), within(1e-9));
    }
  }

  @Test
  void eachFigure_isAMeanWithABand_thatContainsIt() {
    SimulationReport r = twoQueues().build().run();
    int banded = 0;
    for (SimulatedInterval i : r.intervals()) {
      for (Estimate e : List.of(i.offered(), i.answered(), i.abandoned(), i.abandonmentRate(),
          i.serviceLevel(), i.averageSpeedOfAnswerSeconds(), i.occupancy())) {
        if (!Double.isNaN(e.mean())) {
          assertThat(e.ci95()).as(i.label()).isGreaterThanOrEqualTo(0.0);
          assertThat(e.mean()).isBetween(e.mean() - e.ci95(), e.mean() + e.ci95());
          banded += e.ci95() > 0 ? 1 : 0;
        }
      }
      assertThat(i.serviceLevel().mean()).isBetween(0.0, 1.0);
      assertThat(i.occupancy().mean()).isBetween(0.0, 1.0);
    }
    assertThat(banded).as("replications differ, so bands have a width").isGreaterThan(20);
    // agents' time belongs to no queue
    assertThat(r.intervalsByQueue().get("phone").get(0).occupancy().mean()).isNaN();
    SimulationReport one = twoQueues().replications(1).build().run();
    assertThat(one.intervals().get(1).offered().ci95()).isNaN();
    assertThat(one.intervals().get(1).offered().mean() % 1).isZero();
  }

  @Test
  void occupancyPerInterval_averagesToTheRunsOccupancy_whenAgentsWorkTheWholeRun() {
    Simulation.Builder b = Simulation.builder().horizon(Duration.ofHours(3))
        .warmUp(Duration.ofMinutes(30)).replications(3).seed(9)
        .intervalLength(Duration.ofMinutes(15));
    for (int i = 1; i <= 4; i++) {
      b.agent(Agent.builder("a" + i).channel(Channel.VOICE).build());
    }
    b.stream(ArrivalStream.builder("calls", Channel.VOICE).ratePerHour(30)
        .handleTime(Distribution.exponential(Duration.ofMinutes(5))).build());
    SimulationReport r = b.build().run();
    assertThat(r.intervals()).hasSize(10);
    double mean = r.intervals().stream().mapToDouble(i -> i.occupancy().mean()).average()
        .orElseThrow();
    assertThat(mean).isCloseTo(r.overall().occupancy().mean(), within(1e-9));
  }

  @Test
  void intervals_areTheSameForTheSameSeed_andDifferForAnother() {
    SimulationReport a = twoQueues().build().run();
    assertThat(twoQueues().build().run(3).intervals()).isEqualTo(a.intervals());
    assertThat(twoQueues().build().run().intervalsByQueue()).isEqualTo(a.intervalsByQueue());
    assertThat(twoQueues().seed(4).build().run().intervals()).isNotEqualTo(a.intervals());
  }

  @Test
  void json_writesEveryIntervalWithItsBands() {
    SimulationReport r = twoQueues().intervalLength(Duration.ofHours(1)).build().run();
    String json = r.toJson();
    assertThat(json).contains("\"serviceLevelThresholdSeconds\": 20.0",
        "\"intervalMinutes\": 60.0", "\"intervals\": [",
        "{\"label\": \"00:10-01:00\", \"startSeconds\": 600.0, \"endSeconds\": 3600.0, "
            + "\"offered\": ", "\"offeredCi95\": ", "\"averageSpeedOfAnswerSecondsCi95\": ",
        "\"intervalsByQueue\": {\n    \"phone\": [", "\"occupancy\": null");
    assertThat(r.toHtml("t")).contains("<h2>All work, interval by interval of arrival</h2>",
        "<td>02:00-02:35</td>");
  }

  @Test
  void defaultLength_isDoubledUntilTheFiguresFit_aLengthSetThatDoesNotFitIsRefused() {
    List<ArrivalStream> one = List.of(ArrivalStream.builder("c", Channel.VOICE).ratePerHour(1)
        .handleTime(Distribution.fixed(Duration.ofMinutes(1))).build());
    Duration year = SimulationLimits.MAX_DURATION;
    // 17,520 half hours for two populations (the queue and all work) are over 20,000
    assertThat(Replication.Intervals.length(null, Duration.ZERO, year, one))
        .isEqualTo(Duration.ofHours(1));
    assertThat(Replication.Intervals.length(null, Duration.ZERO, Duration.ofHours(8), one))
        .isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> Replication.Intervals.length(Duration.ofMinutes(30), Duration.ZERO,
        year, one)).isInstanceOf(IllegalArgumentException.class).hasMessage("interval length PT30M"
            + " makes 17520 intervals for 2 populations (the queues and all work); at most"
            + " 20000 figures: choose a longer interval");
    assertThatThrownBy(() -> Simulation.builder().intervalLength(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> twoQueues().intervalLength(Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval length PT1S makes 8700 intervals");
  }
}
