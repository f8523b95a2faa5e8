/**
 * Switchboard: an embeddable multichannel routing engine. Hosts use {@code dev.switchboard} and
 * {@code dev.switchboard.event}, with {@code dev.switchboard.channel} and {@code
 * dev.switchboard.identity} for hosting channel adapters; everything under {@code
 * dev.switchboard.internal} is private.
 */
module dev.switchboard {
  requires transitive dev.switchboard.spi;
  requires org.slf4j;

  exports dev.switchboard;
  exports dev.switchboard.channel;
  exports dev.switchboard.identity;
  exports dev.switchboard.event;
  exports dev.switchboard.erlang;
  exports dev.switchboard.sim;

  uses dev.switchboard.spi.ChannelAdapterProvider;
}
