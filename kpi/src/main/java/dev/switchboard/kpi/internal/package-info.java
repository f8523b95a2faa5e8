/**
 * The live KPIs' implementation: the aggregator that the listener feeds (one lock, held for one
 * event or one copy), the per-item and per-agent state it keeps while work is live, the interval
 * calendar and the mutable counters behind the snapshots.
 */
package dev.switchboard.kpi.internal;
