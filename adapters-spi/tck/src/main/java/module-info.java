/**
 * The technology compatibility kit for channel adapters: extend {@link
 * dev.switchboard.spi.tck.ChannelAdapterTck} in an adapter's tests.
 */
module dev.switchboard.spi.tck {
  requires transitive dev.switchboard.spi;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  exports dev.switchboard.spi.tck;
}
