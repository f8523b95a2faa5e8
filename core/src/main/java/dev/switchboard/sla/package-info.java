/**
 * Service-level agreements: {@link dev.switchboard.sla.SlaPolicy} says how fast work of a channel
 * and item type must be answered and resolved, who is alerted when it is at risk, and how the
 * engine escalates a breach; {@link dev.switchboard.sla.AlertSink} is where alerts go;
 * {@link dev.switchboard.sla.SlaReport} measures attainment.
 */
package dev.switchboard.sla;
