package dev.switchboard.helpdesk;

import dev.switchboard.Channel;
import dev.switchboard.internal.check.Attributes;
import dev.switchboard.internal.check.Checks;
import java.util.Map;
import java.util.Objects;

/**
 * What an end user reported: the intake of a ticket, and what a {@link Classifier} reads.
 *
 * @param ticketId unique ticket id, at most 100 characters (the ids of its work items add a suffix)
 * @param endUserId the end user (a switchboard customer id)
 * @param channel the channel the ticket's work is routed on
 * @param subject a short summary, may be empty
 * @param text the user's description, may be empty
 * @param attributes JSON-like host data (product, version, plan) that rules may match
 * @since 0.1
 */
public record TicketRequest(String ticketId, String endUserId, Channel channel, String subject,
    String text, Map<String, Object> attributes) {

  /** Longest ticket id, leaving room for the work item suffix {@code ":w<n>"}. */
  public static final int MAX_TICKET_ID_LENGTH = 100;

  /** Validates and copies every field. */
  public TicketRequest {
    Checks.id("ticket id", ticketId);
    if (ticketId.length() > MAX_TICKET_ID_LENGTH) {
      throw new IllegalArgumentException("ticket id is " + ticketId.length()
          + " characters; at most " + MAX_TICKET_ID_LENGTH + " allowed");
    }
    Checks.id("end user id", endUserId);
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    attributes = Attributes.copy(Objects.requireNonNull(attributes, "attributes"));
  }

  /** A request with no attributes. */
  public static TicketRequest of(String ticketId, String endUserId, Channel channel,
      String subject, String text) {
    return new TicketRequest(ticketId, endUserId, channel, subject, text, Map.of());
  }
}
