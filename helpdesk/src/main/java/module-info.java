/**
 * The Switchboard help desk: tickets through a lifecycle of phases routed by the engine, with
 * classification ({@code dev.switchboard.helpdesk}), and community questions routed to power
 * users with a fall-back to staff ({@code dev.switchboard.crowd}).
 */
module dev.switchboard.helpdesk {
  requires transitive dev.switchboard;
  requires org.slf4j;
  // optional: only KeywordClassifier.fromJson needs it, and says so when it is missing
  requires static com.fasterxml.jackson.databind;

  exports dev.switchboard.helpdesk;
  exports dev.switchboard.crowd;
}
