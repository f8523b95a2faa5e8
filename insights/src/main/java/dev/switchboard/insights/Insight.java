package dev.switchboard.insights;

import dev.switchboard.kpi.Dimension;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a supervisor should act on: what is wrong, the numbers that show it, the action that
 * fixes it and what that action is predicted to do.
 *
 * @param rule the rule that found it, e.g. {@code understaffing}
 * @param dimension what it is about: a queue, an agent, ...
 * @param key the queue name, agent id, ...
 * @param start start of the interval it was found in (for event-driven rules, the moment)
 * @param end end of that interval (for event-driven rules, the moment)
 * @param summary what is wrong, in one sentence
 * @param evidence the numbers it rests on
 * @param action the recommended action, if the rule has one
 * @param effects the action's predicted effects, by formula and by simulation
 * @since 0.2
 */
public record Insight(String rule, Dimension dimension, String key, Instant start, Instant end,
    String summary, List<Evidence> evidence, Optional<Action> action,
    List<PredictedEffect> effects) {

  /** Copies the lists and checks the fields are present. */
  public Insight {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(summary, "summary");
    evidence = List.copyOf(evidence);
    Objects.requireNonNull(action, "action");
    effects = List.copyOf(effects);
  }

  /** The evidence of that name, if the insight has it. */
  public Optional<Evidence> evidence(String name) {
    return evidence.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The predicted effect on that measure by that method, if the insight has it. */
  public Optional<PredictedEffect> effect(String measure, PredictedEffect.Method method) {
    return effects.stream()
        .filter(e -> e.measure().equals(measure) && e.method() == method).findFirst();
  }
}
