package dev.switchboard.journal.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One connection a cluster node's threads share in turn (its beat, its standbys' reads), opened
 * when first needed and again after a failure: a failed call drops it, so the next one starts on
 * a fresh session (a terminated backend, a restarted server).
 */
final class Shared implements AutoCloseable {

  /** Work on the connection. */
  @FunctionalInterface
  interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private final DataSource dataSource;
  private final long statementTimeoutMillis;
  private Connection connection;

  /** Statements time out after the given milliseconds; 0 for never. */
  Shared(DataSource dataSource, long statementTimeoutMillis) {
    this.dataSource = dataSource;
    this.statementTimeoutMillis = statementTimeoutMillis;
  }

  synchronized <T> T run(Work<T> work) throws SQLException {
    try {
      if (connection == null) {
        connection = dataSource.getConnection();
        connection.setAutoCommit(true);
        if (statementTimeoutMillis > 0) {
          try (PreparedStatement p = connection.prepareStatement(
              "SELECT set_config('statement_timeout', ?, false)")) {
            p.setString(1, Long.toString(statementTimeoutMillis));
            p.execute();
          }
        }
      }
      return work.on(connection);
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public synchronized void close() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // dropped: the connection is broken or closing anyway
      }
    }
  }
}
