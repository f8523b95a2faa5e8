package dev.switchboard.spi;

import java.time.Instant;

/**
 * Proof that an adapter handed a message to its channel: what {@link ChannelAdapter#deliver}
 * completes with on success.
 *
 * @param deliveryId the {@link OutboundMessage#deliveryId()} of the message delivered (rule 10 of
 *     {@link ChannelAdapter})
 * @param providerMessageId the channel's own id for the sent message (an SMTP Message-ID, an SMS
 *     gateway's id), or empty when the channel gives none
 * @param deliveredAt when the channel took it, read from {@link ChannelContext#clock()}
 * @since 0.1
 */
public record DeliveryReceipt(String deliveryId, String providerMessageId, Instant deliveredAt) {

  /** Validates the fields. */
  public DeliveryReceipt {
    Checks.text("deliveryId", deliveryId, InboundMessage.MAX_KEY_LENGTH);
    Checks.notNull("providerMessageId", providerMessageId);
    Checks.notNull("deliveredAt", deliveredAt);
  }

  /** A receipt for {@code message}, delivered at {@code deliveredAt}. */
  public static DeliveryReceipt of(
      OutboundMessage message, String providerMessageId, Instant deliveredAt) {
    return new DeliveryReceipt(message.deliveryId(), providerMessageId, deliveredAt);
  }
}
