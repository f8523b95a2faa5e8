package dev.switchboard.examples.adapters.email;

import java.time.Instant;
import java.util.List;

/**
 * One email read from the mailbox and checked: a sender, a thread and a text body.
 *
 * @param messageId the {@code Message-ID} with its angle brackets; the idempotency key
 * @param conversationKey the thread's key (see {@link Threading})
 * @param from the sender's address, lower case
 * @param subject the decoded subject, {@code ""} if none
 * @param text the plain-text body (HTML-only mail has its tags removed)
 * @param attachments what else the message carried
 * @param receivedAt when the server received it, or when it was read if the server did not say
 * @param customer whom replies go to: the {@code Reply-To} address, else {@code from}; lower case
 * @param refersTo the key of another customer's conversation the mail referred to and was kept
 *     out of, or null
 */
record InboundEmail(
    String messageId,
    String conversationKey,
    String from,
    String subject,
    String text,
    List<MailAttachment> attachments,
    Instant receivedAt,
    String customer,
    String refersTo) {

  /** Copies the attachment list. */
  InboundEmail {
    attachments = List.copyOf(attachments);
  }
}
