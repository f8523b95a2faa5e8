package dev.switchboard.insights.internal;

import dev.switchboard.insights.Action;
import dev.switchboard.insights.AnsweredItem;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.InsightRule;
import dev.switchboard.insights.PredictedEffect;
import dev.switchboard.insights.PredictedEffect.Method;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.ServiceTarget;
import dev.switchboard.sim.Estimate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Waiting for the customer's own agent cost a queue service level: items answered late that,
 * without their wait at affinity steps, would have been in time. Recommends the longest cap on
 * that wait (so the most affinity answers kept) under which that cost falls to at most {@link
 * #MAX_REMAINING_COST}, and re-times the interval's own items under it to predict the service
 * level and the affinity hit rate.
 *
 * <p>An item late because of affinity (wait {@code W > T}, affinity wait {@code a}, {@code W - a
 * <= T}) is in time under a cap {@code c} exactly when {@code c <= T - (W - a)}, its slack; so the
 * cost under {@code c} counts the slacks below {@code c}, and the cap is the slack at the rank
 * the bound allows.
 */
public final class AffinityCost implements InsightRule {

  /** Below this cost, in service-level points (shares), affinity is worth its wait. */
  static final double MIN_COST = 0.02;
  /** The cost the recommended cap leaves at most. */
  static final double MAX_REMAINING_COST = 0.01;

  @Override
  public String name() {
    return "affinity-cost";
  }

  @Override
  public List<Insight> evaluate(InsightContext context) {
    List<Insight> out = new ArrayList<>();
    context.interval().all(Dimension.QUEUE).forEach((queue, k) -> {
      if (k.answered() + k.abandoned() >= context.minimumSample()) {
        assess(context, queue, k).ifPresent(out::add);
      }
    });
    return out;
  }

  private Optional<Insight> assess(InsightContext context, String queue, IntervalKpis k) {
    List<AnsweredItem> items = context.answered().stream()
        .filter(a -> a.queue().equals(queue)).toList();
    long denominator = k.answered() + k.abandoned() - k.abandonedInTime();
    ServiceTarget target = context.kpis().serviceTarget(queue);
    Duration t = target.threshold();
    List<Duration> slacks = items.stream().filter(a -> a.affinityWait().compareTo(Duration.ZERO) > 0
        && a.waited().compareTo(t) > 0 && a.waited().minus(a.affinityWait()).compareTo(t) <= 0)
        .map(a -> t.minus(a.waited().minus(a.affinityWait()))).sorted().toList();
    long lateForAffinity = slacks.size();
    if (denominator <= 0 || (double) lateForAffinity / denominator < MIN_COST) {
      return Optional.empty();
    }
    double cost = (double) lateForAffinity / denominator;
    int allowed = (int) Math.floor(MAX_REMAINING_COST * denominator);
    Duration cap = slacks.get(Math.min(allowed, slacks.size() - 1));
    Duration longest = items.stream().map(AnsweredItem::affinityWait).max(Duration::compareTo)
        .orElse(Duration.ZERO);

    long gained = 0;
    long lostHits = 0;
    for (AnsweredItem a : items) {
      if (a.affinityWait().compareTo(cap) > 0) {
        Duration retimed = a.waited().minus(a.affinityWait().minus(cap));
        if (a.waited().compareTo(t) > 0 && retimed.compareTo(t) <= 0) {
          gained++;
        }
        if (a.hit()) {
          lostHits++;
        }
      }
    }
    double level = k.serviceLevel().orElse(Double.NaN);
    double after = (double) (k.answeredInTime() + gained) / denominator;
    long hits = k.ownAgentAnswers() + k.recentAgentAnswers();
    double hitRate = k.affinityHitRate().orElse(Double.NaN);
    double hitRateAfter = k.answered() == 0 ? Double.NaN
        : (double) (hits - lostHits) / k.answered();
    String replay = "the interval's answered items re-timed with the cap: items that stop waiting"
        + " at it are taken at once by someone else (an upper bound on the gain); abandonments"
        + " are not replayed";

    List<Evidence> evidence = List.of(
        new Evidence("serviceLevel", level, "share"),
        new Evidence("target", target.target(), "share"),
        new Evidence("affinityHitRate", hitRate, "share"),
        new Evidence("lateBecauseOfAffinity", lateForAffinity, "items"),
        new Evidence("costPoints", cost, "share"),
        new Evidence("longestAffinityWaitSeconds", longest.toNanos() / 1e9, "seconds"),
        new Evidence("recommendedWaitSeconds", cap.toNanos() / 1e9, "seconds"));
    String summary = String.format(Locale.ROOT, "queue %s: waiting for customers' own agents"
        + " made %d answers late, %.1f points of service level; a cap of %ds on that wait keeps"
        + " %.0f%% of the affinity answers and wins back up to %.1f points", queue,
        lateForAffinity, cost * 100, cap.toSeconds(),
        hits == 0 ? 100.0 : 100.0 * (hits - lostHits) / hits, (after - level) * 100);
    return Optional.of(new Insight(name(), Dimension.QUEUE, queue, k.start(), k.end(), summary,
        evidence, Optional.of(new Action.SetAffinityWait(queue, longest, cap)), List.of(
            new PredictedEffect("serviceLevel", level, new Estimate(after, Double.NaN),
                Method.REPLAY, replay),
            new PredictedEffect("affinityHitRate", hitRate, new Estimate(hitRateAfter,
                Double.NaN), Method.REPLAY, replay))));
  }
}
