package dev.switchboard.crowd;

import dev.switchboard.internal.check.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A customer who answers other customers' questions, and the expertise they have shown.
 *
 * @param id the power user's id (their customer id)
 * @param available whether they take new questions now
 * @param openOffers questions offered to them and not yet ended
 * @param acceptedAnswers category to the number of their answers askers accepted
 * @since 0.1
 */
public record PowerUser(String id, boolean available, int openOffers,
    Map<String, Integer> acceptedAnswers) {

  /** Validates and copies every field. */
  public PowerUser {
    Checks.id("power user id", id);
    if (openOffers < 0) {
      throw new IllegalArgumentException("openOffers is " + openOffers + "; allowed: 0 or more");
    }
    Map<String, Integer> copy = new LinkedHashMap<>();
    Objects.requireNonNull(acceptedAnswers, "acceptedAnswers").forEach((c, n) -> {
      Objects.requireNonNull(n, "accepted answers in " + c);
      if (n < 0) {
        throw new IllegalArgumentException("accepted answers of " + id + " in category '" + c
            + "' is " + n + "; allowed: 0 or more");
      }
      copy.put(Checks.id("category", c), n);
    });
    acceptedAnswers = Collections.unmodifiableMap(copy);
  }

  /** A new power user, available, with no track record. */
  public static PowerUser of(String id) {
    return new PowerUser(id, true, 0, Map.of());
  }

  /** This user with {@code answers} accepted answers already in the category. */
  public PowerUser withAccepted(String category, int answers) {
    Map<String, Integer> m = new LinkedHashMap<>(acceptedAnswers);
    m.put(category, answers);
    return new PowerUser(id, available, openOffers, m);
  }

  /** Accepted answers in the category. */
  public int accepted(String category) {
    return acceptedAnswers.getOrDefault(category, 0);
  }
}
