package dev.switchboard.insights;

import dev.switchboard.sim.Estimate;
import dev.switchboard.sim.Kpis;
import dev.switchboard.sim.SimulationReport;
import java.util.List;
import java.util.Objects;

/**
 * A what-if's answer: the workload simulated as measured and with the changes, on the same random
 * numbers, each with confidence intervals over the replications.
 *
 * @param changes the changes tried
 * @param asMeasured the workload as measured: how well the simulation reproduces the period
 * @param changed the workload with the changes
 * @since 0.2
 */
public record Prediction(List<Change> changes, SimulationReport asMeasured,
    SimulationReport changed) {

  /** Copies the list and checks the reports are present. */
  public Prediction {
    changes = List.copyOf(changes);
    Objects.requireNonNull(asMeasured, "asMeasured");
    Objects.requireNonNull(changed, "changed");
  }

  /** The queue's predicted service level with the changes; NaN when no item of it was counted. */
  public Estimate serviceLevel(String queue) {
    Kpis kpis = changed.byQueue().get(queue);
    return kpis == null ? new Estimate(Double.NaN, Double.NaN) : kpis.serviceLevel();
  }
}
