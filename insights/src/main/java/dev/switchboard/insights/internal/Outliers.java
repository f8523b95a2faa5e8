package dev.switchboard.insights.internal;

import dev.switchboard.insights.Action;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.InsightRule;
import dev.switchboard.kpi.Dimension;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Agents whose handle time or reopen rate over the day so far (the day's closed intervals, which
 * this rule adds up as they close) stands out from their peers' by more than chance explains,
 * tested with a correction for the number of agents tested, and judged only on samples large
 * enough for the test. Each agent and measure is reported once a day.
 *
 * <ul>
 *   <li>Handle time (inbound work): with exponential handle times the log of an agent's mean of
 *       n items has variance close to 1/n, so {@code z = (ln mean - ln peers' mean) /
 *       sqrt(1/n + 1/m)}, two-sided.
 *   <li>Reopen rate (reopened / resolved): a two-proportion z test against the pooled peers,
 *       one-sided (only a high rate is a finding), only when the agent's expected counts of
 *       reopened and not reopened items are both at least 5.
 * </ul>
 *
 * <p>An agent stands out when its p-value is below {@link #ALPHA} divided by the number of
 * agents tested (Bonferroni); at least {@link #MIN_AGENTS} agents with enough work are needed.
 */
public final class Outliers implements InsightRule {

  /** The family-wise chance of a false alarm per measure and evaluation. */
  static final double ALPHA = 0.01;
  /** Fewer agents with enough work than this give no peers to compare with. */
  static final int MIN_AGENTS = 3;

  /** An agent's work over the day so far. */
  private static final class Totals {
    long inbound;
    double inboundSeconds;
    long resolved;
    long reopened;
  }

  private final Set<String> reported = new HashSet<>();
  private final Map<String, Totals> day = new TreeMap<>();
  private LocalDate current;
  private Instant dayStart;

  @Override
  public String name() {
    return "outliers";
  }

  @Override
  public List<Insight> evaluate(InsightContext context) {
    ZoneId zone = context.kpis().zone();
    LocalDate date = LocalDate.ofInstant(context.interval().start(), zone);
    if (!date.equals(current)) {
      current = date;
      dayStart = date.atStartOfDay(zone).toInstant();
      day.clear();
      reported.clear();
    }
    context.interval().all(Dimension.AGENT).forEach((id, k) -> {
      Totals t = day.computeIfAbsent(id, x -> new Totals());
      t.inbound += k.handled() - k.campaignHandled();
      t.inboundSeconds += k.handleTime().minus(k.campaignHandleTime()).toNanos() / 1e9;
      t.resolved += k.resolved();
      t.reopened += k.reopened();
    });
    List<Insight> out = new ArrayList<>();
    Instant end = context.interval().end();
    handleTimes(context.minimumSample(), end, out);
    reopens(context.minimumSample(), end, out);
    return out;
  }

  private void handleTimes(int minimumSample, Instant end, List<Insight> out) {
    Map<String, Totals> eligible = eligible(t -> t.inbound >= minimumSample);
    if (eligible.size() < MIN_AGENTS) {
      return;
    }
    double alpha = ALPHA / eligible.size();
    eligible.forEach((id, t) -> {
      long n = t.inbound;
      double mean = t.inboundSeconds / n;
      long m = 0;
      double peerSeconds = 0;
      for (var e : eligible.entrySet()) {
        if (!e.getKey().equals(id)) {
          m += e.getValue().inbound;
          peerSeconds += e.getValue().inboundSeconds;
        }
      }
      double peerMean = peerSeconds / m;
      if (mean <= 0 || peerMean <= 0) {
        return;
      }
      double z = (Math.log(mean) - Math.log(peerMean)) / Math.sqrt(1.0 / n + 1.0 / m);
      double p = 2 * Normal.upperTail(Math.abs(z));
      if (p < alpha && reported.add(id + "|averageHandleTime")) {
        String finding = String.format(Locale.ROOT, "%.0fs per item against %.0fs for peers"
            + " over %d items (z %.2f, p %.2g < %.2g)", mean, peerMean, n, z, p, alpha);
        out.add(insight(end, id, "averageHandleTime", finding, List.of(
            new Evidence("averageHandleTimeSeconds", mean, "seconds"),
            new Evidence("peersAverageHandleTimeSeconds", peerMean, "seconds"),
            new Evidence("items", n, "items"), new Evidence("z", z, "score"),
            new Evidence("pValue", p, "share"), new Evidence("threshold", alpha, "share"))));
      }
    });
  }

  private void reopens(int minimumSample, Instant end, List<Insight> out) {
    Map<String, Totals> eligible = eligible(t -> t.resolved >= minimumSample);
    if (eligible.size() < MIN_AGENTS) {
      return;
    }
    double alpha = ALPHA / eligible.size();
    eligible.forEach((id, t) -> {
      long n = t.resolved;
      long m = 0;
      long peerReopened = 0;
      for (var e : eligible.entrySet()) {
        if (!e.getKey().equals(id)) {
          m += e.getValue().resolved;
          peerReopened += e.getValue().reopened;
        }
      }
      double pooled = (double) (t.reopened + peerReopened) / (n + m);
      if (n * pooled < 5 || n * (1 - pooled) < 5) {
        return;                                   // too few to tell: no alarm
      }
      double rate = (double) t.reopened / n;
      double peerRate = (double) peerReopened / m;
      double z = (rate - peerRate) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / m));
      double p = Normal.upperTail(z);
      if (p < alpha && reported.add(id + "|reopenRate")) {
        String finding = String.format(Locale.ROOT, "%.1f%% of resolved items reopened against"
            + " %.1f%% for peers over %d resolved (z %.2f, p %.2g < %.2g)", rate * 100,
            peerRate * 100, n, z, p, alpha);
        out.add(insight(end, id, "reopenRate", finding, List.of(
            new Evidence("reopenRate", rate, "share"),
            new Evidence("peersReopenRate", peerRate, "share"),
            new Evidence("resolved", n, "items"), new Evidence("z", z, "score"),
            new Evidence("pValue", p, "share"), new Evidence("threshold", alpha, "share"))));
      }
    });
  }

  private Map<String, Totals> eligible(Predicate<Totals> enough) {
    Map<String, Totals> out = new TreeMap<>();
    day.forEach((id, t) -> {
      if (enough.test(t)) {
        out.put(id, t);
      }
    });
    return out;
  }

  private Insight insight(Instant end, String agentId, String measure, String finding,
      List<Evidence> evidence) {
    return new Insight(name(), Dimension.AGENT, agentId, dayStart, end,
        "agent " + agentId + " stands out on " + measure + ": " + finding, evidence,
        Optional.of(new Action.Review(agentId, measure, finding)), List.of());
  }
}
