package dev.switchboard.sim;

/**
 * The service measures of one population of simulated items (all items, one channel or one
 * queue), each an {@link Estimate} over replications. Only items that arrive after the warm-up
 * and before the horizon count.
 *
 * <ul>
 *   <li>{@code serviceLevel}: items answered within the threshold T, divided by all arrivals
 *       except those that abandoned within T (abandoning quickly neither helps nor hurts).
 *   <li>{@code probabilityOfWait}: arrivals that were not offered to an agent at once.
 *   <li>{@code averageSpeedOfAnswerSeconds}: mean wait of the answered items, arrival to
 *       assignment.
 *   <li>{@code averageHandleTimeSeconds}: mean handle time of completed items.
 *   <li>{@code abandonmentRate}: arrivals that abandoned.
 *   <li>{@code slaBreachRate}: arrivals whose SLA deadline passed before an agent took them
 *       (0 when the streams give no SLA target).
 *   <li>{@code occupancy}: time agents spent handling work over time they were logged in
 *       (overall only; NaN for a channel or queue).
 *   <li>{@code items}: arrivals counted.
 * </ul>
 *
 * @since 0.1
 */
public record Kpis(Estimate serviceLevel, Estimate probabilityOfWait,
    Estimate averageSpeedOfAnswerSeconds, Estimate averageHandleTimeSeconds,
    Estimate abandonmentRate, Estimate slaBreachRate, Estimate occupancy, Estimate items) {}
