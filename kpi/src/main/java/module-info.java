/**
 * Live KPIs for Switchboard: a listener that turns the engine's events into service measures per
 * queue, channel, team and agent, per interval and for the day. Uses only the core's public API.
 */
module dev.switchboard.kpi {
  requires transitive dev.switchboard;

  exports dev.switchboard.kpi;
}
