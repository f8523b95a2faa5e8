package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
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
public final class PostgresJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJournal.class);
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
  /** The largest payload an entry stores: 16 MiB, as the file journal. */
  static final int MAX_PAYLOAD = 16 << 20;
  /** The largest snapshot state stored; a bytea holds at most 1 GiB. */
  static final int MAX_STATE = 512 << 20;
  /** The loop waits for the writer once this much is uncommitted: memory stays bounded. */
  private static final long MAX_PENDING = 32 << 20;
  /** With a group-commit delay, the writer stops waiting once this much has gathered. */
  private static final long GROUP_TARGET = 1 << 20;
  /** Rows fetched at a time while recovering. */
  private static final int FETCH = 256;

  private final DataSource dataSource;
  private final Settings settings;
  private final String domain;
  /** Null for a standalone journal, which takes its domain over on recover. */
  private final Standby follow;
  private volatile java.util.function.Consumer<Throwable> failureListener = e -> {};

  private final Object lock = new Object();
  private List<JournalEntry> pending = new ArrayList<>();
  private long pendingBytes;
  private CompletableFuture<Void> pendingDone;
  private final List<JournalSnapshot> pendingSnapshots = new ArrayList<>();
  private long nextSequence;
  private Throwable failure;
  private boolean opened;
  private boolean closing;
  private Thread writer;

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
    this.dataSource = dataSource;
    this.settings = settings;
    this.domain = settings.domain();
    this.follow = follow;
  }

  /** The last entry appended (or recovered); 0 before the first. */
  long position() {
    synchronized (lock) {
      return Math.max(0, nextSequence - 1);
    }
  }

  /** The epoch this journal writes with, once it leads its domain. */
  long epoch() {
    return epoch;
  }

  /** Hears the failure that makes the journal accept nothing more (on the failing thread). */
  void onFailure(java.util.function.Consumer<Throwable> listener) {
    this.failureListener = listener;
  }

  /** The failure that stopped this journal, or null while it works. */
  Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  /**
   * Fences this journal off from the outside: its cluster learned that another node leads the
   * domain (or its lease ran out), so every waiting and later append fails with {@link
   * JournalFencedException}, before the database would refuse them.
   */
  void fence(String why) {
    fail(new JournalFencedException("the journal of domain \"" + domain + "\" no longer leads"
        + " it: " + why), null);
  }

  @Override
  public void recover(Recovery recovery) {
    synchronized (lock) {
      if (opened) {
        throw new IllegalStateException("this journal was already opened by an engine; build a"
            + " new one (on the same domain) for each engine");
      }
      opened = true;
    }
    try {
      try (Connection c = dataSource.getConnection()) {
        try {
          if (follow == null) {
            Schema.migrate(c);
            epoch = takeOver(c);
          } else {
            c.setAutoCommit(false);
          }
          nextSequence = read(c, recovery);
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          restoreAutoCommit(c);
        }
      }
      if (follow != null) {
        epoch = follow.follow(domain, nextSequence, entry -> {
          recovery.entry(entry);
          nextSequence = entry.sequence() + 1;
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
    writer = new Thread(this::writeLoop, "switchboard-journal-" + domain);
    writer.setDaemon(true);
    writer.start();
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
  public CompletionStage<Void> append(JournalEntry entry) {
    byte[] payload = entry.payload();
    synchronized (lock) {
      if (failure != null) {
        return failed();
      }
      if (writer == null || closing) {
        return CompletableFuture.failedStage(new JournalException(
            writer == null ? "the journal was not opened" : "the journal is closed"));
      }
      if (payload.length > MAX_PAYLOAD) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " is " + payload.length + " bytes; at most " + MAX_PAYLOAD + " fit an entry"));
      }
      if (entry.sequence() != nextSequence) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " appended where " + nextSequence + " was expected"));
      }
      while (!pending.isEmpty() && pendingBytes + payload.length > MAX_PENDING
          && failure == null) {
        awaitWriter();
      }
      if (failure != null) {
        return failed();
      }
      boolean wasEmpty = pending.isEmpty();
      pending.add(entry);
      pendingBytes += payload.length;
      nextSequence++;
      if (wasEmpty) {
        lock.notifyAll();
      }
      if (settings.durability() == Durability.ASYNC) {
        return DONE;
      }
      if (pendingDone == null) {
        pendingDone = new CompletableFuture<>();
      }
      return pendingDone;
    }
  }

  private void awaitWriter() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException("interrupted while waiting for the journal writer", e);
    }
  }

  private CompletionStage<Void> failed() {
    if (failure instanceof JournalFencedException fenced) {
      return CompletableFuture.failedStage(new JournalFencedException(fenced.getMessage(),
          fenced));
    }
    return CompletableFuture.failedStage(new JournalException(
        "the journal failed earlier and accepts nothing more: " + failure, failure));
  }

  /** Refuses a state larger than the journal stores; the entries are then kept. */
  @Override
  public void snapshot(JournalSnapshot snapshot) {
    if (snapshot.state().length > MAX_STATE) {
      throw new IllegalArgumentException("the snapshot after entry " + snapshot.sequence()
          + " is " + snapshot.state().length + " bytes; the journal stores at most " + MAX_STATE
          + ", so it keeps the entries instead");
    }
    synchronized (lock) {
      if (failure == null && !closing && snapshot.sequence() == nextSequence - 1) {
        pendingSnapshots.add(snapshot);
        lock.notifyAll();
      }
    }
  }

  @Override
  public int snapshotInterval() {
    return settings.snapshotInterval();
  }

  /** The most an entry's payload holds: 16 MiB. */
  @Override
  public int maxEntryBytes() {
    return MAX_PAYLOAD;
  }

  private void writeLoop() {
    while (true) {
      List<JournalEntry> batch;
      List<JournalSnapshot> snapshots;
      CompletableFuture<Void> done;
      synchronized (lock) {
        while (pending.isEmpty() && pendingSnapshots.isEmpty() && !closing) {
          awaitQuietly(0);
        }
        if (pending.isEmpty() && pendingSnapshots.isEmpty()) {
          return; // closing, and everything is committed
        }
        long delay = settings.groupCommitDelayNanos();
        if (delay > 0) {
          long end = System.nanoTime() + delay;
          long left;
          while (!closing && pendingBytes < GROUP_TARGET && (left = end - System.nanoTime()) > 0) {
            awaitQuietly(left);
          }
        }
        batch = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        snapshots = new ArrayList<>(pendingSnapshots);
        pendingSnapshots.clear();
        done = pendingDone;
        pendingDone = null;
        lock.notifyAll(); // a loop waiting for room may go on
      }
      try {
        commit(batch, snapshots);
      } catch (SQLException | RuntimeException e) {
        fail(e, done);
        return;
      }
      if (done != null) {
        done.complete(null);
      }
    }
  }

  private void awaitQuietly(long nanos) {
    try {
      if (nanos == 0) {
        lock.wait();
      } else {
        TimeUnit.NANOSECONDS.timedWait(lock, nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  /** One transaction: the epoch check, the entries, the snapshots and what they let go. */
  private void commit(List<JournalEntry> batch, List<JournalSnapshot> snapshots)
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

  private void fail(Throwable e, CompletableFuture<Void> done) {
    CompletableFuture<Void> waiting;
    Throwable first;
    synchronized (lock) {
      first = failure;
      if (first == null) {
        failure = e;
        waiting = pendingDone;
        pendingDone = null;
        pending = new ArrayList<>();
        pendingBytes = 0;
        lock.notifyAll();
      } else {
        waiting = null;
      }
    }
    if (first != null) {
      // stopped already (fenced by the cluster, say): a group in flight then fails for the same
      // reason as everything else, so its callers hear that reason (NOT_LEADER when fenced)
      LOG.debug("journal of domain \"{}\": a commit failed after the journal stopped", domain, e);
      if (done != null) {
        done.completeExceptionally(stopped(first));
      }
      return;
    }
    if (e instanceof JournalFencedException) {
      LOG.warn("{}; the engine stops", e.getMessage());
    } else {
      LOG.error("the journal of domain \"{}\" could not commit; it accepts nothing more and the"
          + " engine stops", domain, e);
    }
    JournalException failed = stopped(e);
    if (done != null) {
      done.completeExceptionally(failed);
    }
    if (waiting != null) {
      waiting.completeExceptionally(failed);
    }
    if (Thread.currentThread() == writer) {
      closeConnection();
    }
    failureListener.accept(failed);
  }

  /** The failure that stopped the journal, as its stages report it. */
  private JournalException stopped(Throwable e) {
    return e instanceof JournalFencedException fenced ? fenced
        : new JournalException("the journal of domain \"" + domain + "\" could not commit: " + e,
            e);
  }


  @Override
  public void close() {
    Thread w;
    synchronized (lock) {
      if (closing && writer == null) {
        return;
      }
      closing = true;
      w = writer;
      lock.notifyAll();
    }
    if (w != null) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CompletableFuture<Void> waiting;
    synchronized (lock) {
      writer = null;
      waiting = pendingDone;
      pendingDone = null;
    }
    if (waiting != null) {
      waiting.completeExceptionally(new JournalException("the journal closed before committing"));
    }
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
