/**
 * Switchboard: an embeddable multichannel routing engine. Hosts use {@code dev.switchboard} and
 * {@code dev.switchboard.event}, with {@code dev.switchboard.affinity} for relationships, {@code
 * dev.switchboard.sla} for time limits and alerts, {@code dev.switchboard.campaign} for outbound
 * work, {@code dev.switchboard.channel} and {@code dev.switchboard.identity} for hosting channel
 * adapters and {@code dev.switchboard.journal} for durability; everything under {@code
 * dev.switchboard.internal} is private. The simulator, the help desk and the file journal are
 * modules of their own built on this API.
 */
// "module": the help desk, to which one package is exported, is built after the core
@SuppressWarnings("module")
module dev.switchboard {
  requires transitive dev.switchboard.spi;
  requires org.slf4j;

  exports dev.switchboard;
  exports dev.switchboard.channel;
  exports dev.switchboard.identity;
  exports dev.switchboard.event;
  exports dev.switchboard.affinity;
  exports dev.switchboard.sla;
  exports dev.switchboard.campaign;
  exports dev.switchboard.journal;
  exports dev.switchboard.cluster;
  exports dev.switchboard.calendar;
  // The help desk's value types validate ids and attribute maps by the engine's own rules.
  exports dev.switchboard.internal.check to dev.switchboard.helpdesk;

  uses dev.switchboard.spi.ChannelAdapterProvider;
}
