/**
 * Switchboard: an embeddable multichannel routing engine. Hosts use {@code dev.switchboard}, {@code dev.switchboard.affinity} and
 * {@code dev.switchboard.event}; everything under {@code dev.switchboard.internal} is private.
 */
module dev.switchboard {
  requires transitive dev.switchboard.spi;
  requires org.slf4j;
  requires com.github.benmanes.caffeine;

  exports dev.switchboard;
  exports dev.switchboard.event;
  exports dev.switchboard.affinity;
  exports dev.switchboard.sla;
  exports dev.switchboard.campaign;
  exports dev.switchboard.erlang;
  exports dev.switchboard.sim;
}
