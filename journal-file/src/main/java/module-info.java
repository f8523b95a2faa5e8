/**
 * The file journal for Switchboard: {@code FileJournals.builder(directory)} makes an append-only
 * journal of CRC-checked segments and snapshots. It implements the core's journal SPI and uses
 * nothing else of the core.
 */
module dev.switchboard.journal.file {
  requires transitive dev.switchboard;
  requires org.slf4j;

  exports dev.switchboard.journal.file;
}
