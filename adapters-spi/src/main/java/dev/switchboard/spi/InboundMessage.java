package dev.switchboard.spi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message a customer sent, as an adapter reports it to {@link ChannelContext#inbound}.
 *
 * <p>Build one with {@link #builder()}; the builder keeps adapters compiling when later SPI
 * versions add optional fields.
 *
 * @param sender who sent it, in the channel's own terms (rule 5 of {@link ChannelAdapter})
 * @param conversationKey the thread it belongs to, stable for every message of that thread
 *     (rule 5); not blank, at most {@value #MAX_KEY_LENGTH} characters, no control characters
 * @param body the text, possibly empty (an attachment alone); at most {@value #MAX_BODY_LENGTH}
 *     characters
 * @param attachments metadata of attached files, possibly empty; at most {@value
 *     #MAX_ATTACHMENTS}
 * @param receivedAt when the adapter received it, read from {@link ChannelContext#clock()}
 * @param idempotencyKey the same for every redelivery of the same upstream message and different
 *     for different messages (rule 4); not blank, at most {@value #MAX_KEY_LENGTH} characters
 * @param metadata channel-specific extras (an email's subject, a chat page's URL); keys and values
 *     not null, at most {@value #MAX_METADATA} entries
 * @since 0.1
 */
public record InboundMessage(
    ChannelIdentity sender,
    String conversationKey,
    String body,
    List<Attachment> attachments,
    Instant receivedAt,
    String idempotencyKey,
    Map<String, String> metadata) {

  /** Longest conversation or idempotency key accepted. */
  public static final int MAX_KEY_LENGTH = 256;
  /** Longest body accepted, in characters. */
  public static final int MAX_BODY_LENGTH = 1_000_000;
  /** Most attachments one message may carry. */
  public static final int MAX_ATTACHMENTS = 100;
  /** Most metadata entries one message may carry. */
  public static final int MAX_METADATA = 64;

  /** Validates every field and copies the collections. */
  public InboundMessage {
    Checks.notNull("sender", sender);
    Checks.text("conversationKey", conversationKey, MAX_KEY_LENGTH);
    Checks.notNull("body", body);
    if (body.length() > MAX_BODY_LENGTH) {
      throw new IllegalArgumentException(
          "body is " + body.length() + " characters long; at most " + MAX_BODY_LENGTH
              + " are allowed");
    }
    attachments = List.copyOf(Checks.notNull("attachments", attachments));
    if (attachments.size() > MAX_ATTACHMENTS) {
      throw new IllegalArgumentException(
          "attachments has " + attachments.size() + " entries; at most " + MAX_ATTACHMENTS
              + " are allowed");
    }
    Checks.notNull("receivedAt", receivedAt);
    Checks.text("idempotencyKey", idempotencyKey, MAX_KEY_LENGTH);
    metadata = Map.copyOf(Checks.notNull("metadata", metadata));
    if (metadata.size() > MAX_METADATA) {
      throw new IllegalArgumentException(
          "metadata has " + metadata.size() + " entries; at most " + MAX_METADATA
              + " are allowed");
    }
  }

  /** A builder with no attachments and no metadata. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link InboundMessage}; {@link #build()} validates. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private ChannelIdentity sender;
    private String conversationKey;
    private String body = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private Instant receivedAt;
    private String idempotencyKey;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** Who sent the message. */
    public Builder sender(ChannelIdentity sender) {
      this.sender = sender;
      return this;
    }

    /** The thread the message belongs to. */
    public Builder conversationKey(String conversationKey) {
      this.conversationKey = conversationKey;
      return this;
    }

    /** The text; empty when not set. */
    public Builder body(String body) {
      this.body = body;
      return this;
    }

    /** Adds an attachment's metadata. */
    public Builder attachment(Attachment attachment) {
      attachments.add(Checks.notNull("attachment", attachment));
      return this;
    }

    /** When the adapter received the message. */
    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    /** The key that is equal for redeliveries of this upstream message. */
    public Builder idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** Adds a channel-specific metadata entry. */
    public Builder metadata(String key, String value) {
      metadata.put(Checks.notNull("metadata key", key), Checks.notNull("metadata value", value));
      return this;
    }

    /**
     * The message.
     *
     * @throws NullPointerException when a required field was not set, naming it
     * @throws IllegalArgumentException when a field is invalid, naming it and what is allowed
     */
    public InboundMessage build() {
      return new InboundMessage(
          sender, conversationKey, body, attachments, receivedAt, idempotencyKey, metadata);
    }
  }
}
