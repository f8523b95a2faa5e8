package dev.switchboard.insights.internal;

import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.insights.Action;
import dev.switchboard.insights.Evidence;
import dev.switchboard.insights.Insight;
import dev.switchboard.kpi.Dimension;
import java.util.List;
import java.util.Optional;

/** The engine's own overload assessment, as an {@link Insight} like the others. */
public final class Overload {

  private Overload() {}

  /** The engine's {@code OverloadDetected} insight, folded into the common type. */
  public static Insight of(OverloadInsight o) {
    String summary = "agent " + o.agentId() + " has " + o.personalBacklog() + " items in its"
        + " personal backlog, " + o.atRisk() + " of them predicted to miss their SLA at its recent"
        + " handle time of " + o.handleTime().toSeconds() + "s";
    return new Insight("overload", Dimension.AGENT, o.agentId(), o.at(), o.at(), summary,
        List.of(new Evidence("personalBacklog", o.personalBacklog(), "items"),
            new Evidence("atRisk", o.atRisk(), "items"),
            new Evidence("handleTimeSeconds", o.handleTime().toNanos() / 1e9, "seconds")),
        Optional.of(new Action.MoveAccounts(o.agentId(), o.accounts())), List.of());
  }
}
