package dev.switchboard.insights;

import dev.switchboard.sim.Estimate;
import java.util.Objects;

/**
 * What an insight's action is predicted to do to one measure, and how the prediction was made.
 * A formula's prediction has no confidence interval ({@code ci95} is NaN); a simulation's has a
 * 95% interval over its replications.
 *
 * @param measure the measure, e.g. {@code serviceLevel} or {@code averageSpeedOfAnswerSeconds}
 * @param measured its value in the interval the insight is about (NaN if it had none)
 * @param predicted its predicted value after the action
 * @param method how it was predicted
 * @param note the model's assumptions and where it is not trusted, in a sentence
 * @since 0.2
 */
public record PredictedEffect(String measure, double measured, Estimate predicted, Method method,
    String note) {

  /** Checks the fields are present. */
  public PredictedEffect {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(note, "note");
  }

  /** How a prediction was made. */
  public enum Method {
    /** The Erlang C formula: Poisson arrivals, exponential handling, no abandonment. */
    ERLANG_C,
    /** The Erlang A formula: Erlang C with exponential patience. */
    ERLANG_A,
    /** The simulator, running the production engine on the measured workload. */
    SIMULATION,
    /**
     * The waiting items drained first come, first served at the queue's full answering rate
     * (agents able to take its work divided by its mean handle time).
     */
    FLUID,
    /** The interval's own items re-timed as if the action had been in force. */
    REPLAY
  }
}
