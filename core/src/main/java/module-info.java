/**
 * Switchboard: an embeddable multichannel routing engine. Hosts use {@code dev.switchboard}, {@code
 * dev.switchboard.event}, {@code dev.switchboard.helpdesk} and {@code dev.switchboard.crowd};
 * everything under {@code dev.switchboard.internal} is private.
 */
module dev.switchboard {
  requires transitive dev.switchboard.spi;
  requires org.slf4j;
  // optional: only KeywordClassifier.fromJson needs it, and says so when it is missing
  requires static com.fasterxml.jackson.databind;

  exports dev.switchboard;
  exports dev.switchboard.event;
  exports dev.switchboard.erlang;
  exports dev.switchboard.sim;
  exports dev.switchboard.helpdesk;
  exports dev.switchboard.crowd;
}
