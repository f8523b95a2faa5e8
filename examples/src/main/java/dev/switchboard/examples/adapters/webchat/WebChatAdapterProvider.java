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
 * {@code flood-burst} with {@code flood-refill}, {@code max-streams-per-client}, {@code
 * session-lifetime}, {@code session-secret} (at least 32 bytes; keep it across restarts so that
 * visitors' conversations go on), {@code secure-cookie} and {@code forwarded-for} ({@code true}
 * or {@code false}); unset options keep {@link WebChatSettings}'s defaults.
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
    p.optionalInt("max-streams-per-client", b::maxStreamsPerClient);
    p.optionalDuration("session-lifetime", b::sessionLifetime);
    p.optional("session-secret", b::sessionSecret);
    p.optional("secure-cookie", v -> b.secureCookie(bool("secure-cookie", v)));
    p.optional("forwarded-for", v -> b.forwardedFor(bool("forwarded-for", v)));
    return new WebChatAdapter(config.adapterId(), p.build(b::build));
  }

  private static boolean bool(String key, String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
  }
}
