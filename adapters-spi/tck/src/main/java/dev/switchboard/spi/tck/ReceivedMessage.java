package dev.switchboard.spi.tck;

import dev.switchboard.spi.ChannelIdentity;
import java.util.Objects;

/**
 * A message a customer received through the adapter's real protocol, as the harness observes it
 * in {@link ChannelAdapterTck#customersReceived}.
 *
 * @param to the customer who received it, normalised like {@link
 *     ChannelAdapterTck#customerIdentity(int)} (use the {@link ChannelIdentity} factories)
 * @param body the text received; the TCK checks that it contains the body sent, so a signature or
 *     quoted history around it is fine
 * @since 0.1
 */
public record ReceivedMessage(ChannelIdentity to, String body) {

  /** Validates. */
  public ReceivedMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(body, "body");
  }
}
