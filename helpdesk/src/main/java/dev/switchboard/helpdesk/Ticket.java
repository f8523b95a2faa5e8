package dev.switchboard.helpdesk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a ticket: work that lives longer than one contact and moves through the phases of
 * a {@link Lifecycle}.
 *
 * @param request what the end user reported
 * @param phase the current phase, {@link Lifecycle#CLOSED} once closed
 * @param classification the classification in force, if the ticket has been classified
 * @param resolution how it ended, while closed
 * @param currentItem the switchboard item carrying the current phase's work, if one is live
 * @param lastAgent the agent who last completed work on it (a reopen goes back to them)
 * @param reopenCount how often the end user reported it still broken
 * @param history every phase change, oldest first
 * @param openedAt when the ticket was opened
 * @since 0.1
 */
public record Ticket(TicketRequest request, String phase, Optional<Classification> classification,
    Optional<Resolution> resolution, Optional<String> currentItem, Optional<String> lastAgent,
    int reopenCount, List<TicketTransition> history, Instant openedAt) {

  /** Copies the history and checks that no field is null. */
  public Ticket {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(currentItem, "currentItem");
    Objects.requireNonNull(lastAgent, "lastAgent");
    history = List.copyOf(history);
    Objects.requireNonNull(openedAt, "openedAt");
  }

  /** The ticket id. */
  public String id() {
    return request.ticketId();
  }

  /** Whether the ticket is closed. */
  public boolean isClosed() {
    return resolution.isPresent();
  }
}
