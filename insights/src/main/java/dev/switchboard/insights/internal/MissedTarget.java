package dev.switchboard.insights.internal;

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
import java.util.Optional;

/**
 * A queue that missed its service-level target in an interval, on enough items to judge, with
 * what its work needs by Erlang C: what the staffing rules start from.
 *
 * @param queue the queue
 * @param kpis its figures in the interval
 * @param work its most frequent kind of work
 * @param target its target
 * @param load the interval's arrival rate and mean handle time
 * @param needed the fewest agents that meet the target by Erlang C
 */
record MissedTarget(String queue, IntervalKpis kpis, WorkMix work, ServiceTarget target,
    Load load, int needed) {

  /** The queues that missed their target in the context's interval, by name. */
  static List<MissedTarget> in(InsightContext context) {
    List<MissedTarget> out = new ArrayList<>();
    context.interval().all(Dimension.QUEUE).forEach((queue, k) -> {
      if (k.answered() + k.abandoned() >= context.minimumSample()
          && k.meetsTarget().orElse(true) == Boolean.FALSE && k.offered() > 0) {
        Optional<WorkMix> work = context.mainWork(queue);
        Optional<Duration> aht = context.handleTime(queue);
        if (work.isPresent() && aht.isPresent()) {
          ServiceTarget target = k.target().orElseThrow();
          Load load = Load.of(k.offered() / (context.length().toNanos() / 3.6e12), aht.get());
          out.add(new MissedTarget(queue, k, work.get(), target, load,
              ErlangC.agentsNeeded(load, target.threshold(), target.target())));
        }
      }
    });
    out.sort(java.util.Comparator.comparing(MissedTarget::queue));
    return out;
  }

  /** The measured service level; NaN when there was none. */
  double serviceLevel() {
    return kpis.serviceLevel().orElse(Double.NaN);
  }
}
