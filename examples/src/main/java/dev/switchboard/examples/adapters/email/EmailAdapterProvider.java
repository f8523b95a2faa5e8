package dev.switchboard.examples.adapters.email;

import dev.switchboard.examples.adapters.ProviderProperties;
import dev.switchboard.examples.adapters.email.EmailSettings.Security;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Lets hosts discover the email adapter, type {@code email}. Properties: {@code imap-host},
 * {@code smtp-host}, {@code username}, {@code password}, {@code address} (required);
 * {@code imap-security} and {@code smtp-security}: {@code tls}, {@code starttls} (the default)
 * or {@code plain}; {@code imap-port} (993 with tls, else 143), {@code smtp-port} (465 with
 * tls, 587 with starttls, 25 plain); {@code trusted-certificates} (a PEM file trusted instead of
 * the JDK's authorities); {@code state-file} (where the UID watermark is kept); {@code folder},
 * {@code poll-interval}, {@code timeout} (ISO-8601 durations), {@code max-message-bytes},
 * {@code thread-memory}, {@code flood-burst} with {@code flood-refill}; unset options keep
 * {@link EmailSettings}'s defaults.
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
    Security imap = security(p, "imap-security", b::imapSecurity);
    Security smtp = security(p, "smtp-security", b::smtpSecurity);
    int imapPort = imap == Security.TLS ? 993 : 143;
    int smtpPort = smtp == Security.TLS ? 465 : smtp == Security.STARTTLS ? 587 : 25;
    p.required("imap-host", host -> b.imap(host,
        config.intValue("imap-port", imapPort, 1, 65_535)));
    p.required("smtp-host", host -> b.smtp(host,
        config.intValue("smtp-port", smtpPort, 1, 65_535)));
    p.required("username", user -> b.login(user, config.require("password")));
    p.required("address", b::address);
    p.optional("folder", b::folder);
    p.optionalDuration("poll-interval", b::pollInterval);
    p.optionalDuration("timeout", b::timeout);
    p.optionalInt("max-message-bytes", b::maxMessageBytes);
    p.optionalInt("thread-memory", b::threadMemory);
    p.floodLimit(b::floodLimit);
    p.optional("trusted-certificates", file -> b.trustedCertificates(Path.of(file)));
    p.optional("state-file", file -> b.stateFile(Path.of(file)));
    return new EmailAdapter(config.adapterId(), p.build(b::build));
  }

  /** The security the property names (STARTTLS when unset), handed to {@code option} if set. */
  private static Security security(ProviderProperties p, String key, Consumer<Security> option) {
    Security[] chosen = {Security.STARTTLS};
    p.optional(key, value -> {
      try {
        chosen[0] = Security.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("expected tls, starttls or plain");
      }
      option.accept(chosen[0]);
    });
    return chosen[0];
  }
}
