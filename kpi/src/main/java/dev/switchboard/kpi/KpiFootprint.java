package dev.switchboard.kpi;

/**
 * How much state the live KPIs hold, to watch that it stays bounded: each figure is bounded by
 * the live work, the agents, the configuration or the entities the engine knows.
 *
 * @param liveItems items being tracked: submitted and not yet completed, cancelled or abandoned
 * @param agents agents being tracked: added and not removed
 * @param conversations resolved conversations remembered to spot reopenings, at most the
 *     configured number
 * @param closedIntervals closed intervals kept for queries, at most the configured number
 * @param currentKeys keys counted in the current interval, over all dimensions
 * @since 0.2
 */
public record KpiFootprint(int liveItems, int agents, int conversations, int closedIntervals,
    int currentKeys) {}
