package dev.switchboard.sim;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a simulation measured: KPIs over all items, per channel and per queue, and each agent's
 * occupancy, estimated over the replications.
 *
 * @param replications independent replications run
 * @param itemsSimulated items that arrived in all replications, counted or not
 * @param overall KPIs over all counted items
 * @param byChannel KPIs per channel id
 * @param byQueue KPIs per queue
 * @param agentOccupancy occupancy per agent id
 * @param affinityHitRate share of the items answered after the warm-up that went to the customer's
 *     own or a recent agent (see {@link dev.switchboard.affinity.AffinityMeasures#hitRate()});
 *     meaningful when streams draw {@linkplain ArrivalStream.Builder#customers(int) returning
 *     customers}
 * @param affinityWaitSeconds mean wait, per item answered after the warm-up, spent at affinity
 *     steps (own or recent agent): the wait affinity added
 * @param campaigns per simulated campaign id, the share achieved against its target and the
 *     contacts handled; empty without {@linkplain Simulation.Builder#campaign campaigns}
 * @param outcomes what became of the counted inbound calls of every stream: served, abandoned,
 *     balked, blocked, disconnected, retrials, in target
 * @param outcomesByStream the same per stream name, and per dialer name for its reached calls
 * @param teamOccupancy occupancy per agent team: the team's busy time over its planned shift
 *     time, within the counted window
 * @param teamOccupancyByPeriod per team, per {@linkplain Simulation.Builder#occupancyPeriod
 *     occupancy period} (named {@code hh:mm-hh:mm} from the start of the run), the same; empty
 *     without periods
 * @param serviceLevelThreshold the T of "answered within T" that service levels count
 * @param intervalLength the length of the {@linkplain Simulation.Builder#intervalLength
 *     intervals} below
 * @param intervals all inbound work, interval by interval of arrival, in time order (see
 *     {@link SimulatedInterval})
 * @param intervalsByQueue the same per queue, the intervals of each queue those of {@code
 *     intervals}
 * @since 0.1
 */
public record SimulationReport(int replications, long itemsSimulated, Kpis overall,
    Map<String, Kpis> byChannel, Map<String, Kpis> byQueue, Map<String, Estimate> agentOccupancy,
    Estimate affinityHitRate, Estimate affinityWaitSeconds, Map<String, CampaignKpis> campaigns,
    Outcomes outcomes, Map<String, Outcomes> outcomesByStream,
    Map<String, Estimate> teamOccupancy, Map<String, Map<String, Estimate>> teamOccupancyByPeriod,
    Duration serviceLevelThreshold, Duration intervalLength, List<SimulatedInterval> intervals,
    Map<String, List<SimulatedInterval>> intervalsByQueue) {

  /**
   * Copies the maps, sorted by key so that output is stable, and the lists.
   *
   * @throws NullPointerException if outcomes, the threshold or a component about intervals is null
   */
  public SimulationReport {
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
    Objects.requireNonNull(intervalLength, "intervalLength");
    intervals = List.copyOf(intervals);
    Map<String, List<SimulatedInterval>> queues = new TreeMap<>();
    intervalsByQueue.forEach((queue, list) -> queues.put(queue, List.copyOf(list)));
    intervalsByQueue = Collections.unmodifiableMap(queues);
    outcomesByStream = Collections.unmodifiableMap(new TreeMap<>(outcomesByStream));
    teamOccupancy = Collections.unmodifiableMap(new TreeMap<>(teamOccupancy));
    Map<String, Map<String, Estimate>> periods = new TreeMap<>();
    teamOccupancyByPeriod.forEach((team, byPeriod) -> periods.put(team,
        Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byPeriod))));
    teamOccupancyByPeriod = Collections.unmodifiableMap(periods);
    byChannel = Collections.unmodifiableMap(new TreeMap<>(byChannel));
    byQueue = Collections.unmodifiableMap(new TreeMap<>(byQueue));
    agentOccupancy = Collections.unmodifiableMap(new TreeMap<>(agentOccupancy));
    campaigns = Collections.unmodifiableMap(new TreeMap<>(campaigns));
  }

  /**
   * The report as JSON: the overall KPIs at the top level as {@code <key>} and {@code
   * <key>Ci95} (serviceLevel, probabilityOfWait, averageSpeedOfAnswerSeconds,
   * averageHandleTimeSeconds, abandonmentRate, occupancy, items, affinityHitRate,
   * affinityWaitSeconds), then byChannel, byQueue, agentOccupancy, teamOccupancy, outcomes and
   * outcomesByStream, and teamOccupancyByPeriod and campaigns when there are any; then
   * serviceLevelThresholdSeconds, intervalMinutes and the interval figures: {@code intervals},
   * an array over all inbound work, and {@code intervalsByQueue}, an object of such arrays by
   * queue name. Each interval is an object with {@code label} ({@code hh:mm-hh:mm}), {@code
   * startSeconds} and {@code endSeconds} (from the start of the run), then offered, answered,
   * abandoned, abandonmentRate, serviceLevel, averageSpeedOfAnswerSeconds and occupancy, each as
   * {@code <key>} and {@code <key>Ci95}. A value that could not be measured is {@code null}.
   *
   * @return the report as a JSON document
   */
  public String toJson() {
    return Rendering.json(this);
  }

  /** The report as a self-contained HTML page (tables and inline SVG charts, no network). */
  public String toHtml(String title) {
    return Rendering.html(this, title);
  }
}
