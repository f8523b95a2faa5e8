package dev.switchboard.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * One interval of a simulated run: the items that arrived in it and what became of them, each
 * an {@link Estimate} over replications. Intervals are counted from the start of the run in
 * {@linkplain Simulation.Builder#intervalLength steps of the interval length}, the first and
 * last cut to the counted window (from the warm-up to the horizon). An item belongs to the
 * interval it arrived in, however late it was answered, so the intervals' counts sum to the
 * report's totals.
 *
 * @param start when the interval begins, from the start of the run
 * @param end when it ends, from the start of the run
 * @param offered counted arrivals, retrials included (as {@link Outcomes#arrivals()})
 * @param answered arrivals an agent took and finished
 * @param abandoned arrivals that hung up waiting
 * @param abandonmentRate {@code abandoned / offered}
 * @param serviceLevel the interval's arrivals answered within the threshold, as {@link
 *     Kpis#serviceLevel()} counts it
 * @param averageSpeedOfAnswerSeconds mean wait of the interval's answered arrivals
 * @param occupancy agents' busy time within the interval over their time on shift within it;
 *     for all work only, NaN for a queue (agents' time belongs to no queue)
 * @since 0.6
 */
public record SimulatedInterval(Duration start, Duration end, Estimate offered,
    Estimate answered, Estimate abandoned, Estimate abandonmentRate, Estimate serviceLevel,
    Estimate averageSpeedOfAnswerSeconds, Estimate occupancy) {

  /**
   * Checks that no component is null and that the interval is not empty.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public SimulatedInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.compareTo(start) <= 0) {
      throw new IllegalArgumentException("interval ends at " + end + ", not after its start "
          + start);
    }
    for (Estimate e : new Estimate[] {offered, answered, abandoned, abandonmentRate,
        serviceLevel, averageSpeedOfAnswerSeconds, occupancy}) {
      Objects.requireNonNull(e, "estimate");
    }
  }

  /**
   * The interval as the reports name it: {@code hh:mm-hh:mm} from the start of the run (hours
   * count on past 24 in a run of several days).
   *
   * @return the interval's name
   */
  public String label() {
    return Periods.clock(start.toNanos()) + "-" + Periods.clock(end.toNanos());
  }
}
