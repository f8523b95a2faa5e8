package dev.switchboard.sim;

import java.time.Duration;

/**
 * The largest values a simulation accepts. Each is far beyond any real centre's plan and keeps a
 * run finite and its arithmetic exact (virtual time is counted in nanoseconds in a {@code long});
 * a value over its limit is refused with an {@link IllegalArgumentException} naming the field,
 * the value and the limit.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>what</th><th>at most</th></tr>
 *   <tr><td>horizon of one replication, and any duration (handle time, patience, delay, SLA,
 *       shift end, rate period)</td><td>8,760 hours (one year)</td></tr>
 *   <tr><td>replications</td><td>100,000</td></tr>
 *   <tr><td>agents</td><td>100,000</td></tr>
 *   <tr><td>shifts of one agent</td><td>1,000</td></tr>
 *   <tr><td>arrival streams; campaigns</td><td>1,000 each</td></tr>
 *   <tr><td>arrival rate of one stream</td><td>1,000,000 per hour</td></tr>
 *   <tr><td>rate periods of one stream</td><td>100,000</td></tr>
 *   <tr><td>customers of a stream</td><td>10,000,000</td></tr>
 *   <tr><td>contacts of a campaign</td><td>1,000,000</td></tr>
 *   <tr><td>observations of an empirical distribution</td><td>100,000</td></tr>
 *   <tr><td>report intervals times (queues + 1)</td><td>20,000</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class SimulationLimits {

  /** The longest horizon of one replication, and the longest of any other duration: a year. */
  public static final Duration MAX_DURATION = Duration.ofHours(8_760);
  /** The most replications of one run. */
  public static final int MAX_REPLICATIONS = 100_000;
  /** The most agents. */
  public static final int MAX_AGENTS = 100_000;
  /** The most shifts of one agent. */
  public static final int MAX_SHIFTS = 1_000;
  /** The most arrival streams. */
  public static final int MAX_STREAMS = 1_000;
  /** The most campaigns. */
  public static final int MAX_CAMPAIGNS = 1_000;
  /** The highest arrival rate of one stream in any period, per hour. */
  public static final double MAX_RATE_PER_HOUR = 1_000_000;
  /** The most rate periods of one stream. */
  public static final int MAX_RATE_PERIODS = 100_000;
  /**
   * The most cells of the report's interval figures: intervals times (queues + 1).
   *
   * @since 0.6
   */
  public static final int MAX_INTERVAL_CELLS = 20_000;
  /** The largest customer population of a stream. */
  public static final int MAX_CUSTOMERS = 10_000_000;
  /** The most contacts of one campaign. */
  public static final int MAX_CONTACTS = 1_000_000;
  /** The most observations of an empirical distribution. */
  public static final int MAX_OBSERVATIONS = 100_000;

  /** {@link #MAX_DURATION} in seconds. */
  static final double MAX_SECONDS = MAX_DURATION.toSeconds();

  private SimulationLimits() {}

  /** Refuses a duration over {@link #MAX_DURATION}, naming {@code field}. */
  static Duration duration(String field, Duration d) {
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(field + " is " + d + "; at most " + MAX_DURATION
          + " (one year)");
    }
    return d;
  }

  /** Refuses a count over {@code max}, naming {@code field}. */
  static void count(String field, long value, long max) {
    if (value > max) {
      throw new IllegalArgumentException(field + " is " + value + "; at most " + max);
    }
  }
}
