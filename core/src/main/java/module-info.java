/**
 * Switchboard: an embeddable multichannel routing engine. Hosts use {@code dev.switchboard} and
 * {@code dev.switchboard.event}, with {@code dev.switchboard.affinity} for relationships, {@code
 * dev.switchboard.channel} and {@code dev.switchboard.identity} for hosting channel adapters, {@code dev.switchboard.helpdesk} and
 * {@code dev.switchboard.crowd} for tickets and community questions; everything under {@code
 * dev.switchboard.internal} is private.
 */
module dev.switchboard {
  requires transitive dev.switchboard.spi;
  requires org.slf4j;
  // optional: only KeywordClassifier.fromJson needs it, and says so when it is missing
  requires static com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;

  exports dev.switchboard;
  exports dev.switchboard.channel;
  exports dev.switchboard.identity;
  exports dev.switchboard.event;
  exports dev.switchboard.affinity;
  exports dev.switchboard.sla;
  exports dev.switchboard.campaign;
  exports dev.switchboard.erlang;
  exports dev.switchboard.sim;
  exports dev.switchboard.journal;
  exports dev.switchboard.helpdesk;
  exports dev.switchboard.crowd;

  uses dev.switchboard.spi.ChannelAdapterProvider;
}
