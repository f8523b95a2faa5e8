package dev.switchboard.examples.adapters.email;

import java.time.Instant;
import java.util.List;

/**
 * One email read from the mailbox and checked: a sender, a thread and a text body.
 *
 * @param messageId the {@code Message-ID} with its angle brackets; the idempotency key
 * @param conversationKey the thread's key: the {@code Message-ID} of its first message
 * @param from the sender's address, lower case
 * @param subject the decoded subject, {@code ""} if none
 * @param text the plain-text body (HTML-only mail has its tags removed)
 * @param attachments what else the message carried
 * @param receivedAt when the server received it, or when it was read if the server did not say
 */
record InboundEmail(
    String messageId,
    String conversationKey,
    String from,
    String subject,
    String text,
    List<MailAttachment> attachments,
    Instant receivedAt) {

  /** Copies the attachment list. */
  InboundEmail {
    attachments = List.copyOf(attachments);
  }
}
