package dev.switchboard.spi;

/**
 * Creates adapters of one type from configuration, for discovery through {@link
 * java.util.ServiceLoader}.
 *
 * <p>Registering adapters explicitly on the host's builder is the primary path; discovery is an
 * opt-in convenience. A provider is listed in {@code
 * META-INF/services/dev.switchboard.spi.ChannelAdapterProvider} (or {@code provides} in its
 * module-info) and must have a public no-argument constructor.
 *
 * <p>Threading: the host calls every method on the thread that runs discovery, one at a time.
 *
 * @since 0.1
 */
public interface ChannelAdapterProvider {

  /**
   * The type of adapter this provider makes (e.g. {@code email-imap}), which hosts use to pick
   * the configuration; 1 to 64 characters of {@code [a-z0-9_-]}.
   */
  String type();

  /**
   * The SPI version the provider was built for. Implement it as {@code return
   * SpiVersion.CURRENT;}: the constant is compiled into the provider, so it reports the version
   * built against. The host refuses providers whose version is not {@linkplain
   * SpiVersion#compatible compatible} with its own.
   */
  String spiVersion();

  /**
   * Creates an adapter from its configuration. The adapter is not started.
   *
   * @param config the adapter's id and properties
   * @return a new adapter whose {@link ChannelAdapter#id()} is {@code config.adapterId()}
   * @throws IllegalArgumentException when the configuration is missing or has a bad property,
   *     naming it
   */
  ChannelAdapter create(AdapterConfig config);
}
