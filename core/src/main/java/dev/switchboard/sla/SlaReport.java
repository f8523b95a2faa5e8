package dev.switchboard.sla;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SLA attainment since the engine started, per agent, queue and channel, taken on the engine
 * loop by {@link dev.switchboard.Supervisor#slaReport()}.
 *
 * @param at engine time of the report
 * @param byAgent per agent id and clock, sorted by agent id then clock
 * @param byQueue per queue and clock, sorted
 * @param byChannel per channel id and clock, sorted
 * @since 0.1
 */
public record SlaReport(Instant at, List<SlaAttainment> byAgent, List<SlaAttainment> byQueue,
    List<SlaAttainment> byChannel) {

  /** Copies the lists. */
  public SlaReport {
    byAgent = List.copyOf(byAgent);
    byQueue = List.copyOf(byQueue);
    byChannel = List.copyOf(byChannel);
  }

  /** The agent's attainment on the clock, if anything was counted for it. */
  public Optional<SlaAttainment> agent(String agentId, SlaClock clock) {
    return find(byAgent, agentId, clock);
  }

  /** The queue's attainment on the clock, if anything was counted for it. */
  public Optional<SlaAttainment> queue(String queue, SlaClock clock) {
    return find(byQueue, queue, clock);
  }

  /** The channel's attainment on the clock, if anything was counted for it. */
  public Optional<SlaAttainment> channel(String channelId, SlaClock clock) {
    return find(byChannel, channelId, clock);
  }

  private static Optional<SlaAttainment> find(List<SlaAttainment> list, String key,
      SlaClock clock) {
    return list.stream().filter(a -> a.key().equals(key) && a.clock() == clock).findFirst();
  }
}
