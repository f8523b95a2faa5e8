package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.GroupCommitJournal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalFencedException;
import dev.switchboard.journal.JournalSnapshot;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL journal. The engine loop queues entries; one writer thread, on a connection of
 * its own, takes whatever has gathered and commits it in one transaction (group commit), then
 * completes the stage those entries share. Each transaction first reads the domain's writer row
 * {@code FOR SHARE} and goes on only if its epoch is still this journal's, so a journal that
 * recovered the domain since (and bumped the epoch) fences this one off: the row lock orders the
 * takeover after every commit it could not see. Snapshots go in the same transaction as the
 * entries before them, which also deletes the snapshots beyond the newest kept ones and the
 * entries the oldest kept one covers.
 */
public final class PostgresJournal extends GroupCommitJournal {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJournal.class);
  /** The largest payload an entry stores: 16 MiB, as the file journal. */
  static final int MAX_PAYLOAD = 16 << 20;
  /** The largest snapshot state stored; a bytea holds at most 1 GiB. */
  static final int MAX_STATE = 512 << 20;
  /** Rows fetched at a time while recovering. */
  private static final int FETCH = 256;

  private final DataSource dataSource;
  private final Settings settings;
  private final String domain;
  /** Null for a standalone journal, which takes its domain over on recover. */
  private final Standby follow;
  private volatile java.util.function.Consumer<Throwable> failureListener = e -> {};

  // owned by the writer thread once started
  private volatile Connection connection;
  private long epoch;
  /** Snapshots found damaged on recovery, deleted by the first commit. */
  private final List<Long> discard = new ArrayList<>();

  /** A journal on the data source; the public builder is {@code PostgresJournals.builder}. */
  public PostgresJournal(DataSource dataSource, Settings settings) {
    this(dataSource, settings, null);
  }

  /**
   * A journal that, once it has read its domain on {@link #recover}, follows it as a hot standby
   * until its cluster has it take the domain over (or stops it); standalone when follow is null.
   */
  PostgresJournal(DataSource dataSource, Settings settings, Standby follow) {
    super("switchboard-journal-" + settings.domain(), settings.durability(),
        settings.groupCommitDelayNanos(), MAX_PAYLOAD, MAX_STATE);
    this.dataSource = dataSource;
    this.settings = settings;
    this.domain = settings.domain();
    this.follow = follow;
  }

  /** The epoch this journal writes with, once it leads its domain. */
  long epoch() {
    return epoch;
  }

  /** Hears the failure that makes the journal accept nothing more (on the failing thread). */
  void onFailure(java.util.function.Consumer<Throwable> listener) {
    this.failureListener = listener;
  }

  /**
   * Fences this journal off from the outside: its cluster learned that another node leads the
   * domain (or its lease ran out), so every waiting and later append fails with {@link
   * JournalFencedException}, before the database would refuse them.
   */
  void fence(String why) {
    fail(new JournalFencedException("the journal of domain \"" + domain + "\" no longer leads"
        + " it: " + why));
  }

  @Override
  protected long open(Recovery recovery) {
    long[] next = new long[1];
    try {
      try (Connection c = dataSource.getConnection()) {
        try {
          if (follow == null) {
            Schema.migrate(c);
            epoch = takeOver(c);
          } else {
            c.setAutoCommit(false);
          }
          next[0] = read(c, recovery);
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          restoreAutoCommit(c);
        }
      }
      if (follow != null) {
        epoch = follow.follow(domain, next[0], entry -> {
          recovery.entry(entry);
          next[0] = entry.sequence() + 1;
        });
      }
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      if (follow != null) {
        follow.prepareWriter(connection, epoch);
      }
    } catch (SQLException e) {
      closeConnection();
      throw new JournalException("cannot open the journal of domain \"" + domain + "\": "
          + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeConnection();
      throw e;
    }
    return next[0];
  }

  /** Makes this journal the domain's writer with the next epoch; returns the epoch. */
  private long takeOver(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("""
        INSERT INTO switchboard_journal_writer (domain, epoch, holder, since)
        VALUES (?, 1, ?, now())
        ON CONFLICT (domain) DO UPDATE
          SET epoch = switchboard_journal_writer.epoch + 1, holder = EXCLUDED.holder, since = now(),
              node = NULL, address = NULL, lease_until = NULL
        RETURNING epoch""")) {
      p.setString(1, domain);
      p.setString(2, holder());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        long taken = r.getLong(1);
        recordEpoch(c, domain, taken, null, holder());
        c.commit();
        if (taken > 1) {
          LOG.info("journal of domain \"{}\": took over as writer, epoch {}", domain, taken);
        }
        return taken;
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Who writes, for people reading the writer row: the process and thread. */
  static String holder() {
    return "pid " + ProcessHandle.current().pid() + ", " + Thread.currentThread().getName();
  }

  /** Adds the epoch to the domain's leadership history, in the caller's transaction. */
  static void recordEpoch(Connection c, String domain, long epoch, String node, String holder)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO switchboard_journal_epoch"
        + " (domain, epoch, node, holder, taken_at) VALUES (?, ?, ?, ?, now())")) {
      p.setString(1, domain);
      p.setLong(2, epoch);
      p.setString(3, node);
      p.setString(4, holder);
      p.executeUpdate();
    }
  }

  /**
   * Hands over the newest intact snapshot and the entries after it, checking each entry's CRC
   * and that the sequence runs without gaps; returns the next sequence.
   */
  private long read(Connection c, Recovery recovery) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    }
    List<Long> snapshots = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT sequence FROM"
        + " switchboard_journal_snapshot WHERE domain = ? ORDER BY sequence DESC")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          snapshots.add(r.getLong(1));
        }
      }
    }
    JournalSnapshot chosen = null;
    List<String> damaged = new ArrayList<>();
    for (long sequence : snapshots) {
      chosen = snapshot(c, sequence);
      if (chosen != null) {
        break;
      }
      damaged.add("the snapshot after entry " + sequence + " (its CRC32C does not match)");
      discard.add(sequence);
      LOG.warn("journal of domain \"{}\": the snapshot after entry {} is damaged (its CRC32C does"
          + " not match its state); trying an older one", domain, sequence);
    }
    long from = chosen == null ? 0 : chosen.sequence();
    long newestSnapshot = snapshots.isEmpty() ? 0 : snapshots.get(0);
    long expected = from + 1;
    if (chosen != null) {
      recovery.snapshot(chosen);
    }
    try (PreparedStatement p = c.prepareStatement("SELECT sequence, crc, payload FROM"
        + " switchboard_journal_entry WHERE domain = ? AND sequence > ? ORDER BY sequence")) {
      p.setFetchSize(FETCH);
      p.setString(1, domain);
      p.setLong(2, from);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long sequence = r.getLong(1);
          byte[] payload = r.getBytes(3);
          if (sequence != expected) {
            throw damage(expected == from + 1 && !damaged.isEmpty()
                ? "no intact snapshot has its entries: " + String.join(", ", damaged)
                    + " is damaged, and the entries after " + from + " start at " + sequence
                : "entries " + expected + " to " + (sequence - 1) + " are missing", expected);
          }
          recovery.entry(entry(domain, sequence, r.getInt(2), payload, expected));
          expected++;
        }
      }
    }
    c.commit();
    if (expected - 1 < newestSnapshot) {
      throw damage("every snapshot is damaged or none holds the entries up to the newest, after"
          + " entry " + newestSnapshot + (damaged.isEmpty() ? "" : ": " + String.join(", ",
          damaged)), expected);
    }
    if (!damaged.isEmpty()) {
      LOG.warn("journal of domain \"{}\": recovered from {} instead: {}; the first commit deletes"
          + " them, so that they are not counted among the kept snapshots", domain,
          chosen == null ? "entry 1" : "the snapshot after entry " + from, damaged);
    }
    return expected;
  }

  /** The snapshot after the entry, or null when its CRC does not match its state. */
  private JournalSnapshot snapshot(Connection c, long sequence) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT crc, state FROM"
        + " switchboard_journal_snapshot WHERE domain = ? AND sequence = ?")) {
      p.setString(1, domain);
      p.setLong(2, sequence);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        byte[] state = r.getBytes(2);
        return crc(sequence, state) == r.getInt(1) ? new JournalSnapshot(sequence, state) : null;
      }
    }
  }

  /** The domain's entry read, once its CRC is checked. */
  static JournalEntry entry(String domain, long sequence, int crc, byte[] payload,
      long expected) {
    if (crc(sequence, payload) != crc) {
      throw damage(domain, "entry " + sequence + " is damaged (its CRC32C does not match its"
          + " payload)", expected);
    }
    return new JournalEntry(sequence, payload);
  }

  private JournalException damage(String what, long expected) {
    return damage(domain, what, expected);
  }

  private static JournalException damage(String domain, String what, long expected) {
    return new JournalException("the journal of domain \"" + domain + "\" cannot be recovered: "
        + what + ". Entries up to " + (expected - 1) + " are intact; the rows are left as they"
        + " are for inspection");
  }

  @Override
  public int snapshotInterval() {
    return settings.snapshotInterval();
  }

  /** One transaction: the epoch check, the entries, the snapshots and what they let go. */
  @Override
  protected void write(List<JournalEntry> batch, List<JournalSnapshot> snapshots)
      throws SQLException {
    Connection c = connection;
    try {
      checkEpoch(c);
      for (long sequence : discard) {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM switchboard_journal_snapshot"
            + " WHERE domain = ? AND sequence = ?")) {
          p.setString(1, domain);
          p.setLong(2, sequence);
          p.executeUpdate();
        }
      }
      if (!batch.isEmpty()) {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO switchboard_journal_entry"
            + " (domain, sequence, epoch, crc, payload) VALUES (?, ?, ?, ?, ?)")) {
          for (JournalEntry e : batch) {
            p.setString(1, domain);
            p.setLong(2, e.sequence());
            p.setLong(3, epoch);
            p.setInt(4, crc(e.sequence(), e.payload()));
            p.setBytes(5, e.payload());
            p.addBatch();
          }
          p.executeBatch();
        }
      }
      for (JournalSnapshot s : snapshots) {
        storeSnapshot(c, s);
      }
      if (follow != null && !batch.isEmpty()) {
        follow.notifyFollowers(c, domain);
      }
      c.commit();
      discard.clear();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
      closeConnection(); // the journal stops: a failed commit is its last
      throw e;
    }
  }

  /** Goes on only while this journal is still the domain's writer; locks the row for it. */
  private void checkEpoch(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT epoch FROM switchboard_journal_writer"
        + " WHERE domain = ? FOR SHARE")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        long current = r.next() ? r.getLong(1) : -1;
        if (current != epoch) {
          throw new JournalFencedException("the domain \"" + domain + "\" was taken over by"
              + " another writer (epoch " + current + "; this journal's is " + epoch + "): this"
              + " journal accepts nothing more");
        }
      }
    }
  }

  private void storeSnapshot(Connection c, JournalSnapshot s) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO switchboard_journal_snapshot"
        + " (domain, sequence, epoch, crc, state, taken_at) VALUES (?, ?, ?, ?, ?, now())")) {
      p.setString(1, domain);
      p.setLong(2, s.sequence());
      p.setLong(3, epoch);
      p.setInt(4, crc(s.sequence(), s.state()));
      p.setBytes(5, s.state());
      p.executeUpdate();
    }
    long oldestKept = -1;
    try (PreparedStatement p = c.prepareStatement("SELECT sequence FROM"
        + " switchboard_journal_snapshot WHERE domain = ? ORDER BY sequence DESC OFFSET ?"
        + " LIMIT 1")) {
      p.setString(1, domain);
      p.setInt(2, settings.snapshotsKept() - 1);
      try (ResultSet r = p.executeQuery()) {
        if (r.next()) {
          oldestKept = r.getLong(1);
        }
      }
    }
    if (oldestKept < 0) {
      return; // fewer snapshots than kept: the entries from 1 stand in for the missing ones
    }
    for (String table : List.of("snapshot", "entry")) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM switchboard_journal_" + table
          + " WHERE domain = ? AND sequence " + (table.equals("snapshot") ? "<" : "<=") + " ?")) {
        p.setString(1, domain);
        p.setLong(2, oldestKept);
        p.executeUpdate();
      }
    }
  }

  /** The failure that stopped the journal, as its stages report it. */
  @Override
  protected JournalException failureOf(Throwable e) {
    return e instanceof JournalFencedException fenced ? fenced
        : new JournalException("the journal of domain \"" + domain + "\" could not commit: " + e,
            e);
  }

  @Override
  protected void failed(JournalException failure) {
    failureListener.accept(failure);
  }

  @Override
  protected void release() {
    closeConnection();
  }

  private void closeConnection() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      restoreAutoCommit(c);
      try {
        c.close();
      } catch (SQLException e) {
        LOG.warn("closing the journal's connection failed", e);
      }
    }
  }

  /** Puts auto-commit back on, as a pool hands connections out; a broken connection stays so. */
  private static void restoreAutoCommit(Connection c) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // broken: the pool discards it, and the failure that matters is already on its way
    }
  }

  /** CRC32C of the sequence (8 bytes, big-endian) and the bytes, as the file journal's records. */
  static int crc(long sequence, byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(8).putLong(0, sequence));
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
