package dev.switchboard.spi.tck;

import dev.switchboard.spi.ChannelIdentity;
import java.util.List;
import java.util.Objects;

/**
 * A message the TCK asks a customer to send through the adapter's real protocol, in {@link
 * ChannelAdapterTck#customerSends}.
 *
 * @param from the customer sending, one of {@link ChannelAdapterTck#customerIdentity(int)}
 * @param thread a label for the customer's thread: messages of one customer with the same label
 *     belong to one conversation (an email reply chain, one chat session); for channels with one
 *     thread per customer (SMS) it may be ignored
 * @param body the text to send
 * @param upstreamId the TCK's id for the upstream message: sending again with the same id must
 *     model the channel redelivering that same message (the same Message-ID, the same webhook
 *     message id), so the adapter reports it with the same idempotency key (rule 4)
 * @param attachments files to attach; empty unless the harness declares {@link
 *     ChannelAdapterTck#supportsAttachments()}
 * @since 0.1
 */
public record CustomerMessage(
    ChannelIdentity from,
    String thread,
    String body,
    String upstreamId,
    List<TckAttachment> attachments) {

  /** Validates and copies. */
  public CustomerMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(thread, "thread");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(upstreamId, "upstreamId");
    attachments = List.copyOf(attachments);
  }

  /**
   * A file to attach.
   *
   * @param name the file name
   * @param mediaType its MIME type
   * @param content its bytes
   * @since 0.1
   */
  public record TckAttachment(String name, String mediaType, byte[] content) {

    /** Validates and copies. */
    public TckAttachment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(mediaType, "mediaType");
      content = content.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] content() {
      return content.clone();
    }
  }
}
