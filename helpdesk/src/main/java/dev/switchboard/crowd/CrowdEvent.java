package dev.switchboard.crowd;

import java.time.Instant;
import java.util.List;

/**
 * Something that happened to a crowd question, delivered to the listeners of {@code
 * HelpDeskBuilder.crowdListener}.
 *
 * @since 0.1
 */
public sealed interface CrowdEvent {

  /** The question the event is about. */
  String questionId();

  /** When it happened, by the help desk's clock. */
  Instant at();

  /** The question was offered to these power users; show it to them. */
  record QuestionOffered(String questionId, Instant at, List<String> helperIds)
      implements CrowdEvent {}

  /** A power user answered; show the answer to the asker. */
  record AnswerPosted(String questionId, Instant at, Answer answer) implements CrowdEvent {}

  /** The asker accepted an answer; its helper earned {@code points}. */
  record AnswerAccepted(String questionId, Instant at, Answer answer, long points)
      implements CrowdEvent {}

  /**
   * The question went to staff as switchboard item {@code itemId}; for a question a ticket's
   * crowd phase asked, {@code itemId} is the ticket's id, whose next phases are the staff work.
   */
  record SentToStaff(String questionId, Instant at, StaffReason reason, String itemId)
      implements CrowdEvent {}

  /** The question ended ({@code status} is a finished one). */
  record QuestionEnded(String questionId, Instant at, QuestionStatus status)
      implements CrowdEvent {}
}
