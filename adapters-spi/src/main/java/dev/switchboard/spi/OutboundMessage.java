package dev.switchboard.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message the host asks an adapter to send to a customer through {@link
 * ChannelAdapter#deliver}.
 *
 * @param deliveryId the host's id for this message, the same on every retry of it, so an adapter
 *     can avoid sending it twice (rule 11 of {@link ChannelAdapter}); not blank, at most {@value
 *     InboundMessage#MAX_KEY_LENGTH} characters
 * @param conversationKey the thread to send in: a key the adapter reported inbound, or (for an
 *     adapter that {@linkplain AdapterTraits#startsOutbound() starts outbound contact}) a new one
 * @param recipient who receives it
 * @param body the text; at most {@value InboundMessage#MAX_BODY_LENGTH} characters
 * @param attachments metadata of files to attach, possibly empty
 * @param agentId the agent who wrote it, or empty when the centre itself sends it; a single-logon
 *     adapter sends every agent's replies through its one session
 * @param attempt 1 on the first try, counting up on each retry
 * @param metadata channel-specific extras (an email's subject), possibly empty
 * @since 0.1
 */
public record OutboundMessage(
    String deliveryId,
    String conversationKey,
    ChannelIdentity recipient,
    String body,
    List<Attachment> attachments,
    String agentId,
    int attempt,
    Map<String, String> metadata) {

  /** Validates every field and copies the collections. */
  public OutboundMessage {
    Checks.text("deliveryId", deliveryId, InboundMessage.MAX_KEY_LENGTH);
    Checks.text("conversationKey", conversationKey, InboundMessage.MAX_KEY_LENGTH);
    Checks.notNull("recipient", recipient);
    Checks.notNull("body", body);
    if (body.length() > InboundMessage.MAX_BODY_LENGTH) {
      throw new IllegalArgumentException(
          "body is " + body.length() + " characters long; at most "
              + InboundMessage.MAX_BODY_LENGTH + " are allowed");
    }
    attachments = List.copyOf(Checks.notNull("attachments", attachments));
    Checks.notNull("agentId", agentId);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    metadata = Map.copyOf(Checks.notNull("metadata", metadata));
  }

  /** A builder for a first attempt, from no agent, with no attachments or metadata. */
  public static Builder builder() {
    return new Builder();
  }

  /** This message as its {@code attempt}-th try. */
  public OutboundMessage withAttempt(int attempt) {
    return new OutboundMessage(
        deliveryId, conversationKey, recipient, body, attachments, agentId, attempt, metadata);
  }

  /**
   * Builds an {@link OutboundMessage}; {@link #build()} validates. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private String deliveryId;
    private String conversationKey;
    private ChannelIdentity recipient;
    private String body = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private String agentId = "";
    private int attempt = 1;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {}

    /** The host's id for the message. */
    public Builder deliveryId(String deliveryId) {
      this.deliveryId = deliveryId;
      return this;
    }

    /** The thread to send in. */
    public Builder conversationKey(String conversationKey) {
      this.conversationKey = conversationKey;
      return this;
    }

    /** Who receives it. */
    public Builder recipient(ChannelIdentity recipient) {
      this.recipient = recipient;
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

    /** The agent who wrote it; empty (the centre) when not set. */
    public Builder agentId(String agentId) {
      this.agentId = agentId;
      return this;
    }

    /** Which try this is; 1 when not set. */
    public Builder attempt(int attempt) {
      this.attempt = attempt;
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
    public OutboundMessage build() {
      return new OutboundMessage(
          deliveryId, conversationKey, recipient, body, attachments, agentId, attempt, metadata);
    }
  }
}
