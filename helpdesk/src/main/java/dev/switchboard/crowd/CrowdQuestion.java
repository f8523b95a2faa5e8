package dev.switchboard.crowd;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a question and everything that happened to it.
 *
 * @param question what was asked
 * @param status where it stands
 * @param offeredTo the power users it was offered to, in the order chosen
 * @param answers the crowd's answers, oldest first
 * @param acceptedAnswer the answer the asker accepted, if any
 * @param staffReason why it went to staff, if it did
 * @param staffItem the switchboard item staff work on, if any
 * @param history one line per step ("offered to ann, bob", "answer by ann", "rejected: ..."), the
 *     text staff see as the item's {@code crowdHistory} attribute
 * @param askedAt when it was asked
 * @since 0.1
 */
public record CrowdQuestion(Question question, QuestionStatus status, List<String> offeredTo,
    List<Answer> answers, Optional<String> acceptedAnswer, Optional<StaffReason> staffReason,
    Optional<String> staffItem, List<String> history, Instant askedAt) {

  /** Copies the lists and checks that no field is null. */
  public CrowdQuestion {
    Objects.requireNonNull(question, "question");
    Objects.requireNonNull(status, "status");
    offeredTo = List.copyOf(offeredTo);
    answers = List.copyOf(answers);
    Objects.requireNonNull(acceptedAnswer, "acceptedAnswer");
    Objects.requireNonNull(staffReason, "staffReason");
    Objects.requireNonNull(staffItem, "staffItem");
    history = List.copyOf(history);
    Objects.requireNonNull(askedAt, "askedAt");
  }

  /** The question id. */
  public String id() {
    return question.id();
  }
}
