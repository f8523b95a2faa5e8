package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One domain's hot standby, as its journal sees it while {@code recover} runs on the standby's
 * build thread: after the first read the journal hands the engine each entry the leader commits
 * (woken by the leader's NOTIFY, or at the poll interval), until the cluster asks it to take the
 * domain over and the takeover wins; then it reads the last entries and returns, and the engine's
 * build goes on to start it as the leader. Stopping the standby makes {@code recover} throw.
 */
final class Follow implements Standby {

  private static final Logger LOG = LoggerFactory.getLogger(Follow.class);
  /** Entries read per query while following. */
  static final int BATCH = 1_000;
  /** The channel leaders notify on commit, with the domain as payload. */
  static final String CHANNEL = "switchboard_journal";

  private final FollowHost cluster;
  private final String domain;
  private final Object lock = new Object();
  private boolean woken;
  private boolean stopped;
  /** The epoch seen when the cluster asked for a takeover, or -1 when it has not. */
  private long takeOverFrom = -1;
  private volatile long tookOverAt;

  Follow(FollowHost cluster, String domain) {
    this.cluster = cluster;
    this.domain = domain;
  }

  /** New entries may be there: read them now rather than at the next poll. */
  void wake() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  /** Take the domain over, unless another node changed its epoch since it was seen. */
  void takeOver(long seenEpoch) {
    synchronized (lock) {
      takeOverFrom = seenEpoch;
      lock.notifyAll();
    }
  }

  /** Ends following: the journal's recover throws, and the engine is not built. */
  void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
  }

  boolean stopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  /** The last entry the standby handed its engine; 0 before the first. */
  long applied() {
    return Math.max(0, next - 1);
  }

  /** When (System.nanoTime) the winning takeover started: the lease counts from there. */
  long tookOverAt() {
    return tookOverAt;
  }

  /** Where following has got to: the next sequence the engine needs. */
  private volatile long next;

  @Override
  public long follow(String domain, long next, Consumer<JournalEntry> recovery) {
    this.next = next;
    while (true) {
      long seen;
      synchronized (lock) {
        long end = System.nanoTime() + cluster.pollNanos();
        long left;
        while (!woken && !stopped && takeOverFrom < 0 && (left = end - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.timedWait(lock, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
          }
        }
        if (stopped) {
          throw new JournalException("the standby of domain \"" + domain + "\" was stopped");
        }
        woken = false;
        seen = takeOverFrom;
        takeOverFrom = -1;
      }
      try {
        cluster.tail().run(c -> catchUp(c, recovery));
      } catch (SQLException e) {
        LOG.debug("standby of domain \"{}\": reading the leader's entries failed; retrying at the"
            + " next poll", domain, e);
        if (seen >= 0) {
          cluster.takeOverFailed(domain);
        }
        continue;
      }
      if (seen >= 0) {
        long start = System.nanoTime();
        long epoch = cluster.takeOver(domain, seen);
        if (epoch > 0) {
          tookOverAt = start;
          // everything the old epoch committed is visible now: the takeover waited for its locks
          try (Connection c = cluster.connect()) {
            catchUp(c, recovery);
          } catch (SQLException e) {
            throw new JournalException("domain \"" + domain + "\": taken over (epoch " + epoch
                + ") but its last entries could not be read: " + e.getMessage(), e);
          }
          return epoch;
        }
      }
    }
  }

  /** Hands the engine every entry after the journal's position. */
  private Void catchUp(Connection c, Consumer<JournalEntry> recovery) throws SQLException {
    while (true) {
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT sequence, crc, payload FROM"
          + " switchboard_journal_entry WHERE domain = ? AND sequence >= ? ORDER BY sequence"
          + " LIMIT " + BATCH)) {
        p.setString(1, domain);
        p.setLong(2, next);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.add(new Object[] {r.getLong(1), r.getInt(2), r.getBytes(3)});
          }
        }
      }
      long expected = next;
      for (Object[] row : rows) {
        long sequence = (Long) row[0];
        if (sequence != expected) {
          throw new JournalException("the standby of domain \"" + domain + "\" fell behind: it"
              + " needs entry " + expected + ", and the leader's snapshots have trimmed the"
              + " entries up to " + (sequence - 1) + "; it starts again from the newest snapshot");
        }
        recovery.accept(PostgresJournal.entry(domain, sequence, (Integer) row[1], (byte[]) row[2],
            expected));
        next = ++expected;
      }
      if (rows.size() < BATCH) {
        return null;
      }
    }
  }

  /**
   * Names the writer's connection after its domain and epoch (so that a takeover can end a
   * stalled old writer's session) and bounds how long it may sit idle inside a transaction (a
   * paused writer holding the row lock must not hold a takeover back for long).
   */
  @Override
  public void prepareWriter(Connection c, long epoch) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT set_config('application_name', ?, false),"
        + " set_config('idle_in_transaction_session_timeout', ?, false)")) {
      p.setString(1, FollowHost.writerName(domain, epoch));
      p.setString(2, Long.toString(cluster.idleInTransactionMillis()));
      p.execute();
    }
    c.commit();
  }

  @Override
  public void notifyFollowers(Connection c, String domain) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      p.setString(1, CHANNEL);
      p.setString(2, domain);
      p.execute();
    }
  }
}
