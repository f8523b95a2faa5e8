package dev.switchboard.spi;

/**
 * The version of this service-provider interface, which every {@link ChannelAdapterProvider}
 * declares so the host can refuse a provider built for an SPI it does not speak.
 *
 * <p>Versions are {@code major.minor}. A host accepts a provider whose major version equals its
 * own and whose minor version is not newer than its own: minor versions only add to the SPI.
 *
 * <p>History: 1.0, the first. 2.0 made {@link ChannelContext#inbound} answer with a stage that
 * completes once the host owns the message durably, so that an adapter acknowledges upstream only
 * then (rule 17); a 1.x adapter, which acknowledged on a synchronous answer, is refused by name.
 *
 * @since 0.1
 */
public final class SpiVersion {

  /**
   * The SPI version this jar defines. It is a compile-time constant, so a provider that returns
   * it from {@link ChannelAdapterProvider#spiVersion()} reports the version it was compiled
   * against, not the one it runs against.
   */
  public static final String CURRENT = "2.0";

  private SpiVersion() {}

  /**
   * Whether a provider built for {@code providerVersion} can run on a host speaking {@code
   * hostVersion}.
   *
   * @param providerVersion the version the provider declares, {@code major.minor}
   * @param hostVersion the version the host speaks, {@code major.minor}
   * @return true when the majors are equal and the provider's minor is not newer
   * @throws IllegalArgumentException when either version is not {@code major.minor}
   */
  public static boolean compatible(String providerVersion, String hostVersion) {
    int[] provider = parse("providerVersion", providerVersion);
    int[] host = parse("hostVersion", hostVersion);
    return provider[0] == host[0] && provider[1] <= host[1];
  }

  private static int[] parse(String field, String version) {
    if (version == null || !version.matches("\\d{1,4}\\.\\d{1,4}")) {
      throw new IllegalArgumentException(
          field + " '" + version + "' is not a version: use major.minor, e.g. " + CURRENT);
    }
    int dot = version.indexOf('.');
    return new int[] {
      Integer.parseInt(version.substring(0, dot)), Integer.parseInt(version.substring(dot + 1))
    };
  }
}
