package dev.switchboard.crowd;

import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A community question from an end user.
 *
 * @param id unique question id, at most 120 characters (its staff item adds {@code ":staff"})
 * @param askerId the end user asking (a switchboard customer id)
 * @param category the question's category, which the {@link CrowdPolicy} decides on
 * @param text what the user asked
 * @param staffSkills skills staff need should the question fall back to them (skill to level)
 * @since 0.1
 */
public record Question(String id, String askerId, String category, String text,
    Map<String, Integer> staffSkills) {

  /** Validates and copies every field. */
  public Question {
    Checks.id("question id", id);
    if (id.length() > 120) {
      throw new IllegalArgumentException(
          "question id is " + id.length() + " characters; at most 120 allowed");
    }
    Checks.id("asker id", askerId);
    Checks.id("category", category);
    Objects.requireNonNull(text, "text");
    Map<String, Integer> skills = new LinkedHashMap<>();
    Objects.requireNonNull(staffSkills, "staffSkills").forEach((s, l) ->
        skills.put(Checks.id("skill name", s), Checks.level("staff minimum level", s, l)));
    staffSkills = Collections.unmodifiableMap(skills);
  }

  /** A question needing no particular staff skill. */
  public static Question of(String id, String askerId, String category, String text) {
    return new Question(id, askerId, category, text, Map.of());
  }
}
