package dev.switchboard.helpdesk;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a ticket, delivered to the listeners of {@link
 * HelpDeskBuilder#listener}.
 *
 * @since 0.1
 */
public sealed interface HelpDeskEvent {

  /** The ticket the event is about. */
  String ticketId();

  /** When it happened, by the help desk's clock. */
  Instant at();

  /** The ticket moved to another phase (or was opened, closed or reopened). */
  record PhaseChanged(TicketTransition transition) implements HelpDeskEvent {
    @Override
    public String ticketId() {
      return transition.ticketId();
    }

    @Override
    public Instant at() {
      return transition.at();
    }
  }

  /** A classification was applied, by the classifier ({@code automatic}) or by a person. */
  record Classified(String ticketId, Instant at, Classification classification, Actor actor,
      boolean automatic) implements HelpDeskEvent {}

  /**
   * The ticket went to the human triage queue: low confidence, or the classifier failed or timed
   * out ({@code reason} says which); {@code suggestion} is the classifier's answer, if it gave one.
   */
  record TriageRequested(String ticketId, Instant at, Optional<Classification> suggestion,
      String reason) implements HelpDeskEvent {}

  /** The phase's item waited out a step of its queue's policy and widened to the next step. */
  record Escalated(String ticketId, Instant at, String itemId, int fromStep, int toStep,
      String reason) implements HelpDeskEvent {}

  /**
   * The phase's item ended without completing: cancelled through the switchboard directly, or a
   * command the help desk sent was rejected. The ticket stays in its phase; move it on with
   * {@link HelpDesk#moveTo}.
   */
  record WorkWithdrawn(String ticketId, Instant at, String itemId, String reason)
      implements HelpDeskEvent {}

  /**
   * After a restart, the switchboard had ended the phase's item without the help desk learning
   * how (the two journals disagreed about it): the work is routed again as {@code itemId}, with
   * the attribute {@code reissuedFrom} naming the lost one, so that a person sees it. The ticket
   * stays in its phase. See {@code docs/durability.md}.
   */
  record WorkReissued(String ticketId, Instant at, String lostItemId, String itemId,
      String reason) implements HelpDeskEvent {}
}
