package dev.switchboard.crowd;

import java.time.Instant;
import java.util.Objects;

/**
 * A power user's answer to a question.
 *
 * @param id the answer id ({@code questionId/a<n>})
 * @param helperId the power user who answered
 * @param text the answer
 * @param at when it was given
 * @since 0.1
 */
public record Answer(String id, String helperId, String text, Instant at) {

  /** Checks that no field is null. */
  public Answer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(helperId, "helperId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(at, "at");
  }
}
