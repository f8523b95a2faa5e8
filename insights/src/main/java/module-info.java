/**
 * Insights for Switchboard: rules over the live KPIs that say what is wrong, recommend an action
 * in the engine's terms and predict its effect, and what-if runs of proposed changes on the
 * production engine. Uses only the public APIs of core, kpi and sim.
 */
module dev.switchboard.insights {
  requires transitive dev.switchboard.kpi;
  requires transitive dev.switchboard.sim;
  requires org.slf4j;

  exports dev.switchboard.insights;
}
