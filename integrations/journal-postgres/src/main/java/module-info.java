/**
 * The PostgreSQL journal for Switchboard: {@code PostgresJournals.builder(dataSource)} makes a
 * journal that keeps an engine's entries and snapshots in PostgreSQL tables, over plain JDBC and
 * the host's own {@link javax.sql.DataSource} (the host brings the driver and any pool). It
 * implements the core's journal SPI and uses nothing else of the core.
 */
module dev.switchboard.journal.postgres {
  requires transitive dev.switchboard;
  requires transitive java.sql;
  requires org.slf4j;

  exports dev.switchboard.journal.postgres;
}
