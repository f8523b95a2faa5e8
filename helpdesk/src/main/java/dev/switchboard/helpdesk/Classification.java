package dev.switchboard.helpdesk;

import dev.switchboard.WorkItem;
import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ticket is about and who can handle it, as a classifier or a person decided.
 *
 * @param categories the categories, most likely first; may be empty when nothing matched
 * @param requiredSkills skill name to minimum level (1 to 10) the ticket's work needs
 * @param priority 0 to 100, as for {@link WorkItem#priority()}
 * @param confidence 0.0 (a guess) to 1.0 (certain); a person's correction has 1.0
 * @since 0.1
 */
public record Classification(List<String> categories, Map<String, Integer> requiredSkills,
    int priority, double confidence) {

  /** Nothing known: no category, no skill, priority 0, confidence 0. */
  public static final Classification UNKNOWN = new Classification(List.of(), Map.of(), 0, 0.0);

  /** Validates and copies every field. */
  public Classification {
    Objects.requireNonNull(categories, "categories");
    categories.forEach(c -> Checks.id("category", c));
    categories = List.copyOf(categories);
    Objects.requireNonNull(requiredSkills, "requiredSkills");
    Map<String, Integer> skills = new LinkedHashMap<>();
    requiredSkills.forEach((skill, level) -> skills.put(Checks.id("skill name", skill),
        Checks.level("classification minimum level", skill, level)));
    requiredSkills = Collections.unmodifiableMap(skills);
    if (priority < WorkItem.MIN_PRIORITY || priority > WorkItem.MAX_PRIORITY) {
      throw new IllegalArgumentException("classification priority is " + priority
          + "; allowed: " + WorkItem.MIN_PRIORITY + " to " + WorkItem.MAX_PRIORITY);
    }
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException(
          "classification confidence is " + confidence + "; allowed: 0.0 to 1.0");
    }
  }

  /** A person's classification: certain by definition. */
  public static Classification byPerson(List<String> categories,
      Map<String, Integer> requiredSkills, int priority) {
    return new Classification(categories, requiredSkills, priority, 1.0);
  }

  /** The most likely category, if any. */
  public java.util.Optional<String> primaryCategory() {
    return categories.isEmpty() ? java.util.Optional.empty()
        : java.util.Optional.of(categories.get(0));
  }
}
