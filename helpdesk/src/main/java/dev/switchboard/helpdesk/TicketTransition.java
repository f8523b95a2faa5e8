package dev.switchboard.helpdesk;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a ticket's phase, with who made it, when and why.
 *
 * @param ticketId the ticket
 * @param from the phase left; empty string for a ticket being opened
 * @param to the phase entered ({@link Lifecycle#CLOSED} for a closed ticket)
 * @param actor who made the change
 * @param at when, by the help desk's clock
 * @param reason a short explanation ("opened", "work completed: resolved", "confirmation timed
 *     out", ...)
 * @since 0.1
 */
public record TicketTransition(String ticketId, String from, String to, Actor actor, Instant at,
    String reason) {

  /** Checks that no field is null. */
  public TicketTransition {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }
}
