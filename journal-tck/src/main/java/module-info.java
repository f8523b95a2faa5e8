/**
 * The technology compatibility kit for journals: extend {@link
 * dev.switchboard.journal.tck.JournalTck} in a journal's tests.
 */
module dev.switchboard.journal.tck {
  requires transitive dev.switchboard;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  exports dev.switchboard.journal.tck;
  exports dev.switchboard.journal.tck.failover;
}
