/**
 * Switchboard's meters for Micrometer. Build a {@link
 * dev.switchboard.micrometer.SwitchboardMetrics} for an engine (and, optionally, its {@link
 * dev.switchboard.kpi.LiveKpis}) and bind it to the host's {@code MeterRegistry}: gauges and
 * counters named {@code switchboard.*} follow Micrometer's naming conventions and carry only
 * low-cardinality tags (queue, channel, adapter, state; team and agent only when the host asks).
 * Every meter is listed, with its unit, tags and meaning, in {@code docs/insights.md}.
 *
 * @since 0.2
 */
package dev.switchboard.micrometer;
