package dev.switchboard.journal.postgres;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.tck.failover.FailoverChecker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The failover checker's view of a PostgreSQL database: the entries with the epoch each was
 * appended in, the leadership history of {@code switchboard_journal_epoch}, and the rows read
 * back from scratch or from the newest snapshot.
 */
final class PostgresFailoverLog implements FailoverChecker.Log {

  private final DataSource db;

  PostgresFailoverLog(DataSource db) {
    this.db = db;
  }

  @Override
  public List<FailoverChecker.Entry> entries(String domain) throws SQLException {
    List<FailoverChecker.Entry> rows = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT sequence, epoch FROM switchboard_journal_entry WHERE domain = ?"
            + " ORDER BY sequence")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(new FailoverChecker.Entry(r.getLong(1), r.getLong(2)));
        }
      }
    }
    return rows;
  }

  /** The database's own history, one row per takeover; what the nodes recorded is checked. */
  @Override
  public Map<Long, String> leaders(String domain, List<Map.Entry<Long, String>> gained)
      throws SQLException {
    Map<Long, String> nodes = new HashMap<>();
    try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
        "SELECT epoch, node FROM switchboard_journal_epoch WHERE domain = ?")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          nodes.put(r.getLong(1), r.getString(2));
        }
      }
    }
    return nodes;
  }

  @Override
  public boolean entryEpochsAreLeaderEpochs() {
    return true;
  }

  @Override
  public Journal reader(String domain, boolean fromSnapshot) {
    try (Connection c = db.getConnection()) {
      long from = 0;
      JournalSnapshot snapshot = null;
      if (fromSnapshot) {
        try (PreparedStatement p = c.prepareStatement("SELECT sequence, state FROM"
            + " switchboard_journal_snapshot WHERE domain = ? ORDER BY sequence DESC LIMIT 1")) {
          p.setString(1, domain);
          try (ResultSet r = p.executeQuery()) {
            if (r.next()) {
              from = r.getLong(1);
              snapshot = new JournalSnapshot(from, r.getBytes(2));
            }
          }
        }
      }
      List<JournalEntry> entries = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT sequence, payload FROM"
          + " switchboard_journal_entry WHERE domain = ? AND sequence > ? ORDER BY sequence")) {
        p.setString(1, domain);
        p.setLong(2, from);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            entries.add(new JournalEntry(r.getLong(1), r.getBytes(2)));
          }
        }
      }
      return FailoverChecker.readOnly(snapshot, entries);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
