package dev.switchboard.insights.internal;

import dev.switchboard.insights.Action;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.InsightRule;
import dev.switchboard.insights.PredictedEffect;
import dev.switchboard.insights.PredictedEffect.Method;
import dev.switchboard.insights.WorkMix;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.WaitingItem;
import dev.switchboard.sim.Estimate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Items that will be answered late within the next interval at the rate the queue can answer:
 * the waiting items, first come first served, at its staffed agents' full rate (agents times the
 * items each holds at once on the channel, divided by the mean handle time), against each item's own SLA deadline or else its queue's threshold. Says how
 * many agents would answer every one of them in time.
 */
public final class LateAnswers implements InsightRule {

  /** More agents than this are not recommended: the forecast is not that precise. */
  static final int MAX_EXTRA = 100;

  @Override
  public String name() {
    return "late-answers";
  }

  @Override
  public List<Insight> evaluate(InsightContext context) {
    List<Insight> out = new ArrayList<>();
    Instant now = context.interval().end();
    Instant horizon = now.plus(context.length());
    for (String queue : context.interval().all(Dimension.QUEUE).keySet().stream().sorted()
        .toList()) {
      forecast(context, queue, now, horizon).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Insight> forecast(InsightContext context, String queue, Instant now,
      Instant horizon) {
    List<WaitingItem> waiting = context.kpis().waiting(queue);
    Optional<WorkMix> work = context.mainWork(queue);
    Optional<Duration> aht = context.handleTime(queue);
    if (waiting.isEmpty() || work.isEmpty() || aht.isEmpty()) {
      return Optional.empty();
    }
    Duration threshold = context.kpis().serviceTarget(queue).threshold();
    List<Instant> deadlines = waiting.stream()
        .map(w -> w.slaDeadline().orElse(w.createdAt().plus(threshold))).toList();
    int agents = context.staffedFor(work.get()).size();
    int per = MissedTarget.perAgent(context, work.get());
    double handleSeconds = aht.get().toNanos() / 1e9;
    int late = late(deadlines, now, horizon, agents * per, handleSeconds);
    if (late == 0) {
      return Optional.empty();
    }
    int extra = 1;
    while (extra < MAX_EXTRA
        && late(deadlines, now, horizon, (agents + extra) * per, handleSeconds) > 0) {
      extra++;
    }
    int after = late(deadlines, now, horizon, (agents + extra) * per, handleSeconds);
    long alreadyLate = deadlines.stream().filter(d -> d.isBefore(now)).count();
    List<Evidence> evidence = List.of(
        new Evidence("waiting", waiting.size(), "items"),
        new Evidence("alreadyLate", alreadyLate, "items"),
        new Evidence("predictedLate", late, "items"),
        new Evidence("horizonSeconds", Duration.between(now, horizon).toSeconds(), "seconds"),
        new Evidence("staffedAgents", agents, "agents"),
        new Evidence("itemsPerAgent", per, "items"),
        new Evidence("averageHandleTimeSeconds", handleSeconds, "seconds"));
    String summary = String.format(Locale.ROOT, "queue %s: %d of its %d waiting items will be"
        + " answered after their deadline in the next %d minutes at the rate %d agents answer;"
        + " %d more agents would answer them in time", queue, late, waiting.size(),
        Duration.between(now, horizon).toMinutes(), agents, extra);
    PredictedEffect effect = new PredictedEffect("predictedLate", late,
        new Estimate(after, Double.NaN), Method.FLUID, "first come, first served at agents /"
        + " mean handle time, agents working only this queue: optimistic when they also serve"
        + " others; arrivals after now not included");
    return Optional.of(new Insight(name(), Dimension.QUEUE, queue, now, horizon, summary,
        evidence, Optional.of(new Action.StaffAgents(queue, work.get().channel(),
            work.get().skills(), agents, agents + extra)), List.of(effect)));
  }

  /**
   * How many items with a deadline from {@code now} to {@code horizon} start after it, the k-th
   * waiting item (from 0) starting at {@code now + (k + 1) * handle / servers}.
   */
  static int late(List<Instant> deadlines, Instant now, Instant horizon, int servers,
      double handleSeconds) {
    int late = 0;
    for (int k = 0; k < deadlines.size(); k++) {
      Instant deadline = deadlines.get(k);
      if (deadline.isBefore(now) || deadline.isAfter(horizon)) {
        continue;
      }
      if (servers == 0) {
        late++;
        continue;
      }
      double startSeconds = (k + 1) * handleSeconds / servers;
      Instant start = now.plusNanos(Math.round(startSeconds * 1e9));
      if (start.isAfter(deadline)) {
        late++;
      }
    }
    return late;
  }
}
