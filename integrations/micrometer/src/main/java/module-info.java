/**
 * Micrometer metrics for Switchboard: a {@code MeterBinder} that exposes the engine's health and
 * its live KPIs to whatever monitoring system the host's Micrometer registry feeds. Uses only the
 * public API of the core and of the live KPIs.
 */
module dev.switchboard.micrometer {
  requires transitive dev.switchboard;
  requires transitive dev.switchboard.kpi;
  requires transitive micrometer.core;

  exports dev.switchboard.micrometer;
}
