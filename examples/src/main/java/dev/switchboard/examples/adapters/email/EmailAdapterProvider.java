package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.ProviderProperties;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;

/**
 * Lets hosts discover the email adapter, type {@code email}. Properties: {@code imap-host},
 * {@code smtp-host}, {@code username}, {@code password}, {@code address} (required);
 * {@code imap-port} (143), {@code smtp-port} (25), {@code folder}, {@code poll-interval},
 * {@code timeout} (ISO-8601 durations), {@code max-message-bytes}, {@code thread-memory},
 * {@code flood-burst} with {@code flood-refill}; unset options keep {@link EmailSettings}'s
 * defaults.
 */
public final class EmailAdapterProvider implements ChannelAdapterProvider {

  @Override
  public String type() {
    return "email";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public ChannelAdapter create(AdapterConfig config) {
    EmailSettings.Builder b = EmailSettings.builder();
    ProviderProperties p = new ProviderProperties(config);
    p.required("imap-host", host -> b.imap(host, config.intValue("imap-port", 143, 1, 65_535)));
    p.required("smtp-host", host -> b.smtp(host, config.intValue("smtp-port", 25, 1, 65_535)));
    p.required("username", user -> b.login(user, config.require("password")));
    p.required("address", b::address);
    p.optional("folder", b::folder);
    p.optionalDuration("poll-interval", b::pollInterval);
    p.optionalDuration("timeout", b::timeout);
    p.optionalInt("max-message-bytes", b::maxMessageBytes);
    p.optionalInt("thread-memory", b::threadMemory);
    p.floodLimit(b::floodLimit);
    return new EmailAdapter(config.adapterId(), p.build(b::build));
  }
}
