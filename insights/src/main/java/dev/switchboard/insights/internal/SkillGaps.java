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
import dev.switchboard.kpi.ServiceTarget;
import dev.switchboard.sim.Estimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A queue missed its target while agents who lack one of its skills sat idle: name the most idle
 * of them to cross-skill, as many as Erlang C says the queue is short, and predict the effect.
 */
public final class SkillGaps implements InsightRule {

  /** An agent this idle (occupancy below it) in the interval could take more work. */
  static final double IDLE_OCCUPANCY = 0.5;

  /** An idle agent lacking exactly one of the work's skills, and how idle. */
  private record Candidate(Agent agent, String skill, int level, double occupancy) {}

  @Override
  public String name() {
    return "skill-gap";
  }

  @Override
  public List<Insight> evaluate(InsightContext context) {
    List<Insight> out = new ArrayList<>();
    for (MissedTarget m : MissedTarget.in(context)) {
      assess(context, m).ifPresent(out::add);
    }
    return out;
  }

  private Optional<Insight> assess(InsightContext context, MissedTarget m) {
    String queue = m.queue();
    IntervalKpis k = m.kpis();
    WorkMix work = m.work();
    List<Candidate> idle = idleLackingOneSkill(context, work);
    if (idle.isEmpty()) {
      return Optional.empty();
    }
    String skill = idle.get(0).skill();
    int level = work.skills().get(skill);
    List<Candidate> sameSkill = idle.stream().filter(c -> c.skill().equals(skill)).toList();
    ServiceTarget target = m.target();
    Load load = m.load();
    int needed = m.needed();
    int holders = context.staffedFor(work).size();
    int short_ = Math.max(1, needed - holders);
    List<String> named = sameSkill.stream().limit(short_).map(c -> c.agent().id()).toList();

    List<Evidence> evidence = new ArrayList<>(List.of(
        new Evidence("serviceLevel", m.serviceLevel(), "share"),
        new Evidence("target", target.target(), "share"),
        new Evidence("agentsWithSkills", holders, "agents"),
        new Evidence("neededAgents", needed, "agents"),
        new Evidence("idleWithoutSkill", sameSkill.size(), "agents")));
    for (Candidate c : sameSkill.subList(0, named.size())) {
      evidence.add(new Evidence("occupancy:" + c.agent().id(), c.occupancy(), "share"));
    }
    List<PredictedEffect> effects = new ArrayList<>();
    int after = m.serversOf(holders + named.size());
    if (after > load.erlangs()) {
      effects.add(new PredictedEffect("serviceLevel", m.serviceLevel(),
          new Estimate(new ErlangC(load, after).serviceLevel(target.threshold()), Double.NaN),
          Method.ERLANG_C, "Erlang C with " + after + " servers (" + (holders + named.size())
          + " agents able to take the work), as if"
          + " they served only this queue; the cross-skilled agents keep their other work, so"
          + " the simulation is the figure to trust"));
    }
    if (context.whatIf().isPresent()) {
      List<Change> changes = named.stream()
          .<Change>map(id -> new Change.GiveSkill(id, skill, level)).toList();
      Prediction p = context.whatIf().get().predict(context.workload(), changes);
      effects.add(new PredictedEffect("serviceLevel", m.serviceLevel(),
          p.serviceLevel(queue), Method.SIMULATION, "the interval's measured work on the engine"
          + " with " + skill + " at " + level + " given to " + String.join(", ", named)));
    }
    String summary = String.format(Locale.ROOT, "queue %s answered %s against %s: its work needs"
        + " %s at %d, which %d staffed agents have, while %d idle agents lack it",
        queue, Understaffing.percent(m.serviceLevel()),
        Understaffing.percent(target.target()), skill, level, holders, sameSkill.size());
    return Optional.of(new Insight(name(), Dimension.QUEUE, queue, k.start(), k.end(), summary,
        evidence, Optional.of(new Action.CrossSkill(skill, level, named)), effects));
  }

  /**
   * Staffed agents with the work's channel, under {@link #IDLE_OCCUPANCY} in the interval, who
   * lack exactly one of its skills (at its level); the most idle first, then by id.
   */
  private static List<Candidate> idleLackingOneSkill(InsightContext context, WorkMix work) {
    Map<String, IntervalKpis> byAgent = context.interval().all(Dimension.AGENT);
    List<Candidate> out = new ArrayList<>();
    for (Agent a : context.staffed()) {
      if (a.capacityOn(work.channel()) <= 0) {
        continue;
      }
      List<String> lacking = work.skills().entrySet().stream()
          .filter(s -> a.level(s.getKey()) < s.getValue()).map(Map.Entry::getKey).toList();
      double occupancy = Optional.ofNullable(byAgent.get(a.id()))
          .map(x -> x.occupancy().orElse(0)).orElse(0.0);
      if (lacking.size() == 1 && occupancy < IDLE_OCCUPANCY) {
        out.add(new Candidate(a, lacking.get(0), work.skills().get(lacking.get(0)), occupancy));
      }
    }
    out.sort(Comparator.comparingDouble(Candidate::occupancy)
        .thenComparing(c -> c.agent().id()));
    return out;
  }
}
