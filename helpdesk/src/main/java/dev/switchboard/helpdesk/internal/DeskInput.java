package dev.switchboard.helpdesk.internal;

import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.helpdesk.Actor;
import dev.switchboard.helpdesk.Classification;
import dev.switchboard.helpdesk.TicketRequest;

/**
 * One input the desk applies as one change under its lock: a call on its API, a classifier
 * result, a routing event it consumed (only the fields it uses), a switchboard command that was
 * rejected, or a clock reading at which deadlines fired. The desk is deterministic in these: the
 * same inputs at the same clock readings give the same state, which is what its journal records
 * and replays ({@link DeskCodec} writes them).
 */
sealed interface DeskInput {

  /** {@code HelpDesk.open}. */
  record Open(TicketRequest request) implements DeskInput {}

  /** {@code HelpDesk.advance}. */
  record Advance(String ticketId, Actor actor) implements DeskInput {}

  /** {@code HelpDesk.moveTo}. */
  record MoveTo(String ticketId, String phase, Actor actor, String reason) implements DeskInput {}

  /** {@code HelpDesk.classify}. */
  record Classify(String ticketId, Classification classification, Actor actor)
      implements DeskInput {}

  /** {@code HelpDesk.confirm}. */
  record Confirm(String ticketId) implements DeskInput {}

  /** {@code HelpDesk.reportStillBroken}. */
  record StillBroken(String ticketId, String note) implements DeskInput {}

  /** {@code HelpDesk.solvedByUser}. */
  record SolvedByUser(String ticketId) implements DeskInput {}

  /** {@code Crowd.addPowerUser}. */
  record AddPowerUser(PowerUser user) implements DeskInput {}

  /** {@code Crowd.setAvailable}. */
  record SetAvailable(String userId, boolean available) implements DeskInput {}

  /** {@code Crowd.ask}. */
  record Ask(Question question) implements DeskInput {}

  /** {@code Crowd.answer}. */
  record AnswerQuestion(String questionId, String helperId, String text) implements DeskInput {}

  /** {@code Crowd.acceptAnswer}. */
  record Accept(String questionId, String answerId) implements DeskInput {}

  /** {@code Crowd.rejectAnswer}. */
  record Reject(String questionId, String answerId, String reason) implements DeskInput {}

  /** {@code Crowd.withdraw}. */
  record Withdraw(String questionId, boolean solvedThemselves) implements DeskInput {}

  /** {@code Crowd.redeem}. */
  record Redeem(String userId, long points, String reward) implements DeskInput {}

  /**
   * The classifier answered attempt {@code attempt} of a ticket: a result, or (when {@code
   * result} is null) the failure as the desk words it ("threw ...", "returned null").
   */
  record Classified(String ticketId, int attempt, Classification result, String failure)
      implements DeskInput {}

  /** {@code ItemAssigned}: the agent now holds the item. */
  record Assigned(String itemId, String agentId) implements DeskInput {}

  /** {@code ItemReleased} or {@code ItemTransferred}: nobody holds the item now. */
  record HolderLost(String itemId) implements DeskInput {}

  /** {@code StepEscalated}. */
  record Escalated(String itemId, int fromStep, int toStep, String reason) implements DeskInput {}

  /** {@code ItemCompleted}, with the outcome's code. */
  record Completed(String itemId, String agentId, String outcome) implements DeskInput {}

  /** {@code ItemCancelled}. */
  record Cancelled(String itemId) implements DeskInput {}

  /** {@code ItemAbandoned}. */
  record Abandoned(String itemId) implements DeskInput {}

  /**
   * A command the desk sent about an item was rejected; {@code reason} is the rejection's class
   * ({@code CommandRejectedException.Reason} name, or {@code "OTHER"}).
   */
  record Rejected(Command command, String itemId, String reason, String message)
      implements DeskInput {}

  /** The deadlines due at the entry's clock reading fired, with no other input. */
  record Tick() implements DeskInput {}


  /** The switchboard commands the desk sends. */
  enum Command {
    /** {@code submit}. */
    SUBMIT,
    /** {@code cancel}. */
    CANCEL,
    /** {@code complete} with outcome {@code moved-on}. */
    COMPLETE,
    /** {@code transfer} to an agent. */
    TRANSFER
  }
}
