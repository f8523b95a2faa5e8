package dev.switchboard.helpdesk;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's classification of a ticket the classifier was not sure of (or failed on), kept so
 * the rules or a model can learn from it later.
 *
 * @param request what the end user reported
 * @param suggested the classifier's answer, if it gave one
 * @param corrected the person's classification
 * @param actor who classified
 * @param at when
 * @param reason why the ticket went to triage
 * @since 0.1
 */
public record ClassificationCorrection(TicketRequest request, Optional<Classification> suggested,
    Classification corrected, Actor actor, Instant at, String reason) {

  /** Checks that no field is null. */
  public ClassificationCorrection {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(suggested, "suggested");
    Objects.requireNonNull(corrected, "corrected");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether the person changed the classifier's categories (or it had none). */
  public boolean changedCategories() {
    return suggested.map(s -> !s.categories().equals(corrected.categories())).orElse(true);
  }
}
