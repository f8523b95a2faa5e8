package dev.switchboard.insights.internal;

import dev.switchboard.Agent;
import dev.switchboard.erlang.ErlangC;
import dev.switchboard.erlang.Load;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.WorkMix;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.ServiceTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A queue that missed its service-level target in an interval, on enough items to judge, with
 * what its work needs by Erlang C: what the staffing rules start from.
 *
 * @param queue the queue
 * @param kpis its figures in the interval
 * @param work its most frequent kind of work
 * @param target its target
 * @param load the interval's arrival rate per open hour and mean handle time
 * @param perAgent items of this work an agent holds at once (its capacity on the channel: 1 for
 *     voice, several for chat or email), so that one agent counts as that many Erlang servers
 * @param servers the fewest servers that meet the target by Erlang C
 */
record MissedTarget(String queue, IntervalKpis kpis, WorkMix work, ServiceTarget target,
    Load load, int perAgent, int servers) {

  /** The queues that missed their target in the context's interval, by name. */
  static List<MissedTarget> in(InsightContext context) {
    List<MissedTarget> out = new ArrayList<>();
    context.interval().all(Dimension.QUEUE).forEach((queue, k) -> {
      if (k.answered() + k.abandoned() >= context.minimumSample()
          && k.meetsTarget().orElse(true) == Boolean.FALSE
          && k.offered() - k.offeredAfterHours() > 0) {
        Optional<WorkMix> work = context.mainWork(queue);
        Optional<Duration> aht = context.handleTime(queue);
        if (work.isPresent() && aht.isPresent()) {
          ServiceTarget target = k.target().orElseThrow();
          // per open hour, without the work that came while closed and reached the interval at
          // the opening: staffing is for the arrivals of the hours the centre is open
          Load load = Load.of((k.offered() - k.offeredAfterHours())
              / (context.openTime().toNanos() / 3.6e12), aht.get());
          out.add(new MissedTarget(queue, k, work.get(), target, load,
              perAgent(context, work.get()),
              ErlangC.agentsNeeded(load, target.threshold(), target.target())));
        }
      }
    });
    out.sort(java.util.Comparator.comparing(MissedTarget::queue));
    return out;
  }

  /** The fewest agents that meet the target: the servers needed over each agent's capacity. */
  int needed() {
    return (servers + perAgent - 1) / perAgent;
  }

  /** Servers that {@code agents} agents provide. */
  int serversOf(int agents) {
    return agents * perAgent;
  }

  /**
   * An agent's capacity on the work's channel: the most common among the staffed agents who
   * can take it, else the channel's default.
   */
  static int perAgent(InsightContext context, WorkMix work) {
    Map<Integer, Long> counts = context.staffedFor(work).stream()
        .collect(Collectors.groupingBy(a -> a.capacityOn(work.channel()), Collectors.counting()));
    return counts.entrySet().stream()
        .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElseGet(() -> Agent.builder("probe").channel(work.channel()).build()
            .capacityOn(work.channel()));
  }

  /** The measured service level; NaN when there was none. */
  double serviceLevel() {
    return kpis.serviceLevel().orElse(Double.NaN);
  }
}
