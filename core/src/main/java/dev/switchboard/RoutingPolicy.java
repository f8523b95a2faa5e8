package dev.switchboard;

import java.util.List;
import java.util.Objects;

/**
 * The ordered steps an item of a queue goes through while it waits: each step names who may
 * take it and for how long, and an expiring step widens the pool to the next.
 *
 * @param steps at least one step; only the last may wait without limit, and the last may not
 *     be an affinity step ({@link Target#ownAgent()}, {@link Target#recentAgents()})
 * @since 0.1
 */
public record RoutingPolicy(List<PolicyStep> steps) {

  /** The policy of a queue configured without one: the item's required skills, no time limit. */
  public static final RoutingPolicy DEFAULT =
      new RoutingPolicy(List.of(PolicyStep.untilAnswered(Target.requiredSkills())));

  /** Validates the steps. */
  public RoutingPolicy {
    Objects.requireNonNull(steps, "steps");
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a routing policy needs at least one step");
    }
    for (int i = 0; i < steps.size() - 1; i++) {
      if (steps.get(i).maxWait().isEmpty()) {
        throw new IllegalArgumentException("step " + i + " of " + steps.size()
            + " waits without limit, so later steps would never be reached; give it a wait");
      }
    }
    if (steps.get(steps.size() - 1).target().isAffinity()) {
      throw new IllegalArgumentException("the last step targets " + steps.get(steps.size() - 1)
          .target() + ": an affinity step needs a wider step after it for customers whose agents"
          + " cannot be waited for");
    }
  }

  /** A policy of the given steps, in order. */
  public static RoutingPolicy of(PolicyStep... steps) {
    return new RoutingPolicy(List.of(steps));
  }
}
