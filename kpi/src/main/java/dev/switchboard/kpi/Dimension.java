package dev.switchboard.kpi;

/**
 * What a set of KPIs is about: the whole centre, or one queue, channel, team or agent. The key
 * that goes with a dimension is the queue name, the channel id, the team name or the agent id;
 * for {@link #ALL} it is {@link #ALL_KEY}.
 *
 * @since 0.2
 */
public enum Dimension {
  /** Everything the listener saw. */
  ALL,
  /** One queue, by the queue the item was in when the counted event happened. */
  QUEUE,
  /** One channel, by channel id. */
  CHANNEL,
  /** One team: the work and time of its agents. */
  TEAM,
  /** One agent. */
  AGENT;

  /** The key of the {@link #ALL} dimension. */
  public static final String ALL_KEY = "all";
}
