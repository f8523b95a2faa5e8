package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.JournalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's tables and how they are brought up to date. {@code switchboard_schema} holds one
 * row per migration applied; {@link #migrate} applies the missing ones in one transaction under a
 * transaction-scoped advisory lock, so that nodes starting together wait for each other instead
 * of racing, and refuses a database whose schema is newer than this code knows. Migrations are
 * only ever appended to {@link #MIGRATIONS}; one applied is never changed.
 */
public final class Schema {

  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

  /** The advisory lock every node takes while it migrates: "SwJnlSch" in ASCII. */
  static final long MIGRATION_LOCK = 0x53774A6E6C536368L;

  /** One step of the schema: its version, what it is for, and its statements. */
  record Migration(int version, String description, List<String> statements) {}

  /** Every migration, in version order from 1. */
  static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "journal entries, snapshots and the writer row of each domain", List.of(
          """
          CREATE TABLE switchboard_journal_writer (
            domain text PRIMARY KEY,
            epoch bigint NOT NULL,
            holder text NOT NULL,
            since timestamptz NOT NULL
          )""",
          """
          CREATE TABLE switchboard_journal_entry (
            domain text NOT NULL,
            sequence bigint NOT NULL,
            epoch bigint NOT NULL,
            crc integer NOT NULL,
            payload bytea NOT NULL,
            PRIMARY KEY (domain, sequence)
          )""",
          """
          CREATE TABLE switchboard_journal_snapshot (
            domain text NOT NULL,
            sequence bigint NOT NULL,
            epoch bigint NOT NULL,
            crc integer NOT NULL,
            state bytea NOT NULL,
            taken_at timestamptz NOT NULL,
            PRIMARY KEY (domain, sequence)
          )""")),
      new Migration(2, "leases, leadership history and cluster nodes", List.of(
          // who may write a domain and until when, by the database's clock; null: a standalone
          // writer with no lease, which a cluster may take over at once
          """
          ALTER TABLE switchboard_journal_writer
            ADD COLUMN node text,
            ADD COLUMN address text,
            ADD COLUMN lease_until timestamptz""",
          """
          CREATE TABLE switchboard_journal_epoch (
            domain text NOT NULL,
            epoch bigint NOT NULL,
            node text,
            holder text NOT NULL,
            taken_at timestamptz NOT NULL,
            PRIMARY KEY (domain, epoch)
          )""",
          """
          CREATE TABLE switchboard_node (
            node text PRIMARY KEY,
            address text NOT NULL,
            alive_until timestamptz NOT NULL,
            started_at timestamptz NOT NULL
          )""")));

  /** The version this code writes and reads. */
  public static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

  private Schema() {}

  /**
   * Brings the database's schema up to {@link #LATEST} in one transaction, and leaves the
   * connection in auto-commit off. Throws {@link JournalException} for a database whose schema is
   * newer than this code.
   */
  public static void migrate(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      s.execute("""
          CREATE TABLE IF NOT EXISTS switchboard_schema (
            version integer PRIMARY KEY,
            description text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
          )""");
      int current;
      try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0)"
          + " FROM switchboard_schema")) {
        r.next();
        current = r.getInt(1);
      }
      if (current > LATEST) {
        connection.rollback();
        throw new JournalException("the database's Switchboard journal schema is version "
            + current + ", and this switchboard-journal-postgres knows versions up to " + LATEST
            + ": start the engine with the newer version that upgraded it");
      }
      for (Migration m : MIGRATIONS) {
        if (m.version() > current) {
          for (String statement : m.statements()) {
            s.execute(statement);
          }
          try (PreparedStatement p = connection.prepareStatement(
              "INSERT INTO switchboard_schema (version, description) VALUES (?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.description());
            p.executeUpdate();
          }
          LOG.info("Switchboard journal schema: applied version {} ({})", m.version(),
              m.description());
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }
}
