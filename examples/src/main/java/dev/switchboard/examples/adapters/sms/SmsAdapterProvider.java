package dev.switchboard.examples.adapters.sms;

import dev.switchboard.examples.adapters.ProviderProperties;
import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.SpiVersion;
import java.net.URI;

/**
 * Lets hosts discover the SMS adapter, type {@code sms}. Properties: {@code number} (E.164),
 * {@code secret}, {@code provider-endpoint} (required); {@code webhook-port} (0: the system picks),
 * {@code max-text-chars}, {@code timestamp-tolerance}, {@code timeout} (ISO-8601 durations),
 * {@code flood-burst} with {@code flood-refill}; unset options keep {@link SmsSettings}'s
 * defaults.
 */
public final class SmsAdapterProvider implements ChannelAdapterProvider {

  @Override
  public String type() {
    return "sms";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public ChannelAdapter create(AdapterConfig config) {
    SmsSettings.Builder b = SmsSettings.builder();
    ProviderProperties p = new ProviderProperties(config);
    p.required("number", b::number);
    p.required("secret", b::secret);
    p.required("provider-endpoint", uri -> b.providerEndpoint(URI.create(uri)));
    p.optionalInt("webhook-port", b::webhookPort);
    p.optionalInt("max-text-chars", b::maxTextChars);
    p.optionalDuration("timestamp-tolerance", b::timestampTolerance);
    p.optionalDuration("timeout", b::timeout);
    p.floodLimit(b::floodLimit);
    return new SmsAdapter(config.adapterId(), p.build(b::build));
  }
}
