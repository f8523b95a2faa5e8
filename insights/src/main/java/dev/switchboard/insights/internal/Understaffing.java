package dev.switchboard.insights.internal;

import dev.switchboard.Agent;
import dev.switchboard.erlang.ErlangC;
import dev.switchboard.erlang.Load;
import dev.switchboard.insights.Action;
import dev.switchboard.insights.Change;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.insights.InsightContext;
import dev.switchboard.insights.InsightRule;
import dev.switchboard.insights.PredictedEffect;
import dev.switchboard.insights.PredictedEffect.Method;
import dev.switchboard.insights.Prediction;
import dev.switchboard.insights.WorkMix;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.sim.Estimate;
import dev.switchboard.sim.Kpis;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A queue missed its service-level target: how many agents its work needs by Erlang C at the
 * interval's measured arrival rate and handle time, and what adding them does, by the formula
 * and, when the host configured what-if runs, by simulation on the engine.
 */
public final class Understaffing implements InsightRule {

  @Override
  public String name() {
    return "understaffing";
  }

  @Override
  public List<Insight> evaluate(InsightContext context) {
    return MissedTarget.in(context).stream().map(m -> assess(context, m)).toList();
  }

  private Insight assess(InsightContext context, MissedTarget m) {
    String queue = m.queue();
    IntervalKpis k = m.kpis();
    Load load = m.load();
    List<Agent> staffed = context.staffedFor(m.work());
    Action.StaffAgents action = new Action.StaffAgents(queue, m.work().channel(),
        m.work().skills(), staffed.size(), m.needed());

    List<Evidence> evidence = List.of(
        new Evidence("serviceLevel", m.serviceLevel(), "share"),
        new Evidence("target", m.target().target(), "share"),
        new Evidence("thresholdSeconds", m.target().threshold().toNanos() / 1e9, "seconds"),
        new Evidence("offered", k.offered(), "items"),
        new Evidence("offeredAfterHours", k.offeredAfterHours(), "items"),
        new Evidence("openHours", context.openTime().toNanos() / 3.6e12, "hours"),
        new Evidence("answered", k.answered(), "items"),
        new Evidence("abandoned", k.abandoned(), "items"),
        new Evidence("arrivalsPerHour", load.arrivalsPerHour(), "per hour"),
        new Evidence("averageHandleTimeSeconds", load.handleSeconds(), "seconds"),
        new Evidence("erlangs", load.erlangs(), "erlangs"),
        new Evidence("itemsPerAgent", m.perAgent(), "items"),
        new Evidence("staffedAgents", staffed.size(), "agents"),
        new Evidence("neededAgents", m.needed(), "agents"));

    List<PredictedEffect> effects = new ArrayList<>();
    String shared = sharedWith(context, queue, staffed);
    String assumptions = "Erlang C: Poisson arrivals, exponential handle times, a dedicated group"
        + " of agents" + (m.perAgent() > 1 ? " each counted as " + m.perAgent() + " servers (its"
        + " capacity on " + m.work().channel().id() + ")" : "") + ", no abandonment" + (k.abandoned() > 0 ? " (" + k.abandoned()
        + " abandoned here, so it overstates the need)" : "")
        + (shared.isEmpty() ? "" : "; not trusted here: the agents also serve " + shared
        + ", see the simulation");
    effects.add(new PredictedEffect("serviceLevel", m.serviceLevel(),
        new Estimate(new ErlangC(load, m.needed()).serviceLevel(m.target().threshold()),
            Double.NaN), Method.ERLANG_C, assumptions));
    if (action.toAdd() > 0 && context.whatIf().isPresent()) {
      Agent template = template(queue, m.work());
      Prediction p = context.whatIf().get().predict(context.workload(),
          List.of(new Change.AddAgents(action.toAdd(), template)));
      Kpis asMeasured = p.asMeasured().byQueue().get(queue);
      effects.add(new PredictedEffect("serviceLevel", m.serviceLevel(), p.serviceLevel(queue),
          Method.SIMULATION, "the interval's measured work on the engine with "
          + action.toAdd() + " agents like " + template.id() + " added; as measured it"
          + " simulates to " + percent(asMeasured == null ? Double.NaN
          : asMeasured.serviceLevel().mean())));
    }

    String summary = String.format(Locale.ROOT,
        "queue %s answered %s within %ds against a target of %s; its work needs %d agents by"
        + " Erlang C, %d were staffed", queue, percent(m.serviceLevel()),
        m.target().threshold().toSeconds(), percent(m.target().target()), m.needed(),
        staffed.size());
    return new Insight(name(), Dimension.QUEUE, queue, k.start(), k.end(), summary, evidence,
        Optional.of(action), effects);
  }

  /** An agent who can take the work: its skills at the required levels and its channel. */
  static Agent template(String queue, WorkMix work) {
    Agent.Builder b = Agent.builder("extra-" + queue).channel(work.channel());
    work.skills().forEach(b::skill);
    return b.build();
  }

  /** Other queues whose work the same agents can take, comma-separated; empty if none. */
  private static String sharedWith(InsightContext context, String queue, List<Agent> staffed) {
    TreeSet<String> others = new TreeSet<>();
    for (WorkMix w : context.work()) {
      if (!w.queue().equals(queue)
          && staffed.stream().anyMatch(a -> InsightContext.qualifies(a, w))) {
        others.add(w.queue());
      }
    }
    return String.join(", ", others);
  }

  static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
