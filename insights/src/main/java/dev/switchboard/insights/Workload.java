package dev.switchboard.insights;

import dev.switchboard.Agent;
import dev.switchboard.sim.ArrivalStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The work of one period as measured, in the simulator's terms: streams of arrivals (rate, handle
 * time, patience and required skills per queue and channel) and the agents who were staffed. A
 * {@link WhatIf} replays it on the production engine, with or without proposed changes.
 *
 * @param start start of the measured period
 * @param length its length (its open time, when the KPIs follow a business calendar); a what-if
 *     run simulates this long after a warm-up of the same work
 * @param streams the arrivals, one per queue, channel and set of required skills
 * @param agents the agents staffed in the period, as defined at its end
 * @param serviceLevelThreshold the T of "answered within T" the simulation measures against
 * @since 0.2
 */
public record Workload(Instant start, Duration length, List<ArrivalStream> streams,
    List<Agent> agents, Duration serviceLevelThreshold) {

  /** Copies the lists and checks the period. */
  public Workload {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("length is " + length + "; it must be positive");
    }
    streams = List.copyOf(streams);
    agents = List.copyOf(agents);
    Objects.requireNonNull(serviceLevelThreshold, "serviceLevelThreshold");
  }
}
