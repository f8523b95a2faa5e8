package dev.switchboard.sim;

/**
 * The service measures of one population of simulated items (all items, one channel or one
 * queue), each an {@link Estimate} over replications. Only items that arrive after the warm-up
 * and before the horizon count.
 *
 * <ul>
 *   <li>{@code serviceLevel}: items answered within the threshold T, divided by all arrivals
 *       except those that abandoned within T (abandoning quickly neither helps nor hurts).
 *   <li>{@code probabilityOfWait}: arrivals whose first routing decision was to queue them,
 *       rather than to offer them to an agent at once.
 *   <li>{@code averageSpeedOfAnswerSeconds}: mean wait of the answered items, arrival to
 *       assignment.
 *   <li>{@code averageHandleTimeSeconds}: mean time from assignment to completion of completed
 *       items, wrap-up included.
 *   <li>{@code abandonmentRate}: arrivals that abandoned.
 *   <li>{@code unansweredRate}: arrivals still waiting when the run ended (nobody on shift could
 *       take them); they count as arrivals not answered within T.
 *   <li>{@code slaBreachRate}: arrivals whose SLA deadline passed before an agent took them
 *       (0 when the streams give no SLA target).
 *   <li>{@code occupancy}: time agents held at least one assigned item (wrap-up included) over
 *       their planned shift time (overall only; NaN for a channel or queue).
 *   <li>{@code items}: arrivals counted.
 * </ul>
 *
 * @since 0.1
 */
public record Kpis(Estimate serviceLevel, Estimate probabilityOfWait,
    Estimate averageSpeedOfAnswerSeconds, Estimate averageHandleTimeSeconds,
    Estimate abandonmentRate, Estimate unansweredRate, Estimate slaBreachRate,
    Estimate occupancy, Estimate items) {}
