package dev.switchboard.insights;

import dev.switchboard.Agent;
import dev.switchboard.Presence;
import dev.switchboard.kpi.ClosedInterval;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.sim.ArrivalStream;
import dev.switchboard.sim.Distribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule sees when an interval closes: the interval's figures, the live KPIs, the agents as
 * defined and their presence at the close, the work that arrived, and the what-if runner if the
 * host configured one.
 *
 * @param interval the interval that closed
 * @param kpis the live KPIs, for the day so far and earlier intervals
 * @param agents every agent known at the close, by id
 * @param presence each agent's presence at the close, by id
 * @param work what arrived in the interval, by queue, channel and required skills
 * @param answered the items answered for the first time in the interval (at most 100,000)
 * @param whatIf the what-if runner, empty when the host gave no engine configuration
 * @param minimumSample the fewest items a rule judges a queue or agent on; fewer is no evidence
 * @since 0.2
 */
public record InsightContext(ClosedInterval interval, LiveKpis kpis, Map<String, Agent> agents,
    Map<String, Presence> presence, List<WorkMix> work, List<AnsweredItem> answered,
    Optional<WhatIf> whatIf,
    int minimumSample) {

  /** Copies the collections. */
  public InsightContext {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(kpis, "kpis");
    agents = Map.copyOf(agents);
    presence = Map.copyOf(presence);
    work = List.copyOf(work);
    answered = List.copyOf(answered);
    Objects.requireNonNull(whatIf, "whatIf");
  }

  /** Length of the interval. */
  public Duration length() {
    return Duration.between(interval.start(), interval.end());
  }

  /**
   * The interval's open time by the KPIs' business calendar ({@link LiveKpis#calendar()}); its
   * length without one. Staffing is worked out per open hour: arrival rates divide by this.
   *
   * @return the open time, positive for every interval the KPIs report
   * @since 0.6
   */
  public Duration openTime() {
    return kpis.calendar().map(c -> c.openTimeBetween(interval.start(), interval.end()))
        .orElseGet(this::length);
  }

  /** The queue's most frequent kind of work in the interval, if any arrived. */
  public Optional<WorkMix> mainWork(String queue) {
    return work.stream().filter(w -> w.queue().equals(queue))
        .max(Comparator.comparingLong(WorkMix::items));
  }

  /** Whether the agent can take that kind of work: the skills at their levels and the channel. */
  public static boolean qualifies(Agent agent, WorkMix work) {
    if (agent.capacityOn(work.channel()) <= 0) {
      return false;
    }
    return work.skills().entrySet().stream().allMatch(s -> agent.level(s.getKey()) >= s.getValue());
  }

  /** Agents who were staffed in the interval (available or holding work for some of it). */
  public List<Agent> staffed() {
    List<Agent> out = new ArrayList<>();
    Map<String, IntervalKpis> byAgent = interval.all(Dimension.AGENT);
    agents.values().stream().sorted(Comparator.comparing(Agent::id)).forEach(a -> {
      IntervalKpis k = byAgent.get(a.id());
      if (k != null && k.staffedTime().compareTo(Duration.ZERO) > 0) {
        out.add(a);
      }
    });
    return out;
  }

  /** Staffed agents who can take that kind of work. */
  public List<Agent> staffedFor(WorkMix work) {
    return staffed().stream().filter(a -> qualifies(a, work)).toList();
  }

  /**
   * The interval's work in the simulator's terms: a stream per kind of work at the measured
   * arrival rate per open hour ({@link #openTime}), with exponential handle times at the queue's
   * measured mean (the day's mean when none was handled in the interval; kinds of work whose
   * queue has handled nothing today are left out) and, where customers abandoned, exponential
   * patience at the queue's estimated mean ({@link IntervalKpis#estimatedPatience()}), and the
   * staffed agents. The threshold is the tightest of the queues'.
   */
  public Workload workload() {
    double hours = openTime().toNanos() / 3.6e12;
    List<ArrivalStream> streams = new ArrayList<>();
    Duration threshold = null;
    int n = 0;
    for (WorkMix w : work) {
      Optional<Duration> aht = handleTime(w.queue());
      if (w.items() == 0 || aht.isEmpty()) {
        continue;
      }
      ArrivalStream.Builder stream = ArrivalStream.builder("w" + (++n), w.channel())
          .queue(w.queue()).ratePerHour(w.items() / hours)
          .handleTime(Distribution.exponential(aht.get()));
      w.skills().forEach(stream::requireSkill);
      interval.get(Dimension.QUEUE, w.queue()).flatMap(IntervalKpis::estimatedPatience)
          .filter(p -> p.compareTo(Duration.ZERO) > 0)
          .ifPresent(p -> stream.patience(Distribution.exponential(p)));
      streams.add(stream.build());
      Duration t = kpis.serviceTarget(w.queue()).threshold();
      threshold = threshold == null || t.compareTo(threshold) < 0 ? t : threshold;
    }
    return new Workload(interval.start(), openTime(), streams, staffed(),
        threshold != null ? threshold : Duration.ofSeconds(20));
  }

  /** The queue's mean handle time in the interval, or the day's when none was handled in it. */
  public Optional<Duration> handleTime(String queue) {
    return interval.get(Dimension.QUEUE, queue).flatMap(IntervalKpis::averageHandleTime)
        .or(() -> kpis.today(Dimension.QUEUE, queue).flatMap(IntervalKpis::averageHandleTime));
  }
}
