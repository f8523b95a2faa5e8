package dev.switchboard.examples.adapters.webchat;

import dev.switchboard.examples.adapters.ProviderProperties;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;

/**
 * Lets hosts discover the web chat adapter, type {@code webchat}. Properties, all optional:
 * {@code port} (0: the system picks), {@code max-message-chars}, {@code delivery-timeout},
 * {@code heartbeat} (ISO-8601 durations), {@code max-streams}, {@code max-sessions},
 * {@code flood-burst} with {@code flood-refill}; unset options keep {@link WebChatSettings}'s
 * defaults.
 */
public final class WebChatAdapterProvider implements ChannelAdapterProvider {

  @Override
  public String type() {
    return "webchat";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public ChannelAdapter create(AdapterConfig config) {
    WebChatSettings.Builder b = WebChatSettings.builder();
    ProviderProperties p = new ProviderProperties(config);
    p.optionalInt("port", b::port);
    p.optionalInt("max-message-chars", b::maxMessageChars);
    p.optionalDuration("delivery-timeout", b::deliveryTimeout);
    p.optionalDuration("heartbeat", b::heartbeat);
    p.optionalInt("max-streams", b::maxStreams);
    p.optionalInt("max-sessions", b::maxSessions);
    p.floodLimit(b::floodLimit);
    return new WebChatAdapter(config.adapterId(), p.build(b::build));
  }
}
