package dev.switchboard.sim;

import java.util.Map;

/**
 * What a simulation measured: KPIs over all items, per channel and per queue, and each agent's
 * occupancy, estimated over the replications.
 *
 * @param replications independent replications run
 * @param itemsSimulated items that arrived in all replications, counted or not
 * @param overall KPIs over all counted items
 * @param byChannel KPIs per channel id
 * @param byQueue KPIs per queue
 * @param agentOccupancy occupancy per agent id
 * @since 0.1
 */
public record SimulationReport(int replications, long itemsSimulated, Kpis overall,
    Map<String, Kpis> byChannel, Map<String, Kpis> byQueue, Map<String, Estimate> agentOccupancy) {

  /** Copies the maps. */
  public SimulationReport {
    byChannel = Map.copyOf(byChannel);
    byQueue = Map.copyOf(byQueue);
    agentOccupancy = Map.copyOf(agentOccupancy);
  }
}
