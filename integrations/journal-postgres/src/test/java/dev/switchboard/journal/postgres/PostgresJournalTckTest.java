package dev.switchboard.journal.postgres;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.tck.Damage;
import dev.switchboard.journal.tck.DamageOutcome;
import dev.switchboard.journal.tck.Fencing;
import dev.switchboard.journal.tck.JournalTck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL journal passes the journal TCK on a real server, one domain per test. Each
 * journal gets its own {@link ChaosDataSource}: a crash aborts its connections while appends are
 * in flight (what committed stays, the transaction in flight is lost, and the writer can do
 * nothing more), and a failure also refuses new connections. Damage is done with SQL: a flipped
 * payload byte and a deleted entry are refused, a damaged newest snapshot falls back to the older
 * one. A torn entry cannot happen (a transaction commits whole), so rule 10 is skipped. A journal
 * that recovers a domain fences the one before it ({@link Fencing#EPOCH}).
 */
class PostgresJournalTckTest extends JournalTck<String> {

  private static final AtomicInteger DOMAINS = new AtomicInteger();
  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  private final Map<Journal, ChaosDataSource> sources = new IdentityHashMap<>();

  @Override
  protected String createStore() {
    return "tck-" + DOMAINS.incrementAndGet();
  }

  @Override
  protected Journal openJournal(String domain) {
    ChaosDataSource source = new ChaosDataSource(DATABASE.dataSource());
    Journal journal = PostgresJournals.builder(source).domain(domain).durability(durability())
        .build();
    sources.put(journal, source);
    return journal;
  }

  @Override
  protected void disposeStore(String domain) {
    sources.clear();
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(String domain, Journal journal) throws SQLException {
    sources.get(journal).cut();
  }

  @Override
  protected boolean failsOnDemand() {
    return true;
  }

  @Override
  protected void failStore(String domain, Journal journal) throws SQLException {
    sources.get(journal).broken(true);
  }

  @Override
  protected void repairStore(String domain) throws SQLException {
    for (ChaosDataSource source : sources.values()) {
      source.broken(false);
    }
  }

  @Override
  protected Fencing fencing() {
    return Fencing.EPOCH;
  }

  @Override
  protected Optional<DamageOutcome> damageOutcome(Damage damage) {
    return switch (damage) {
      case TORN_LAST_ENTRY -> Optional.empty();
      case CORRUPT_ENTRY, MISSING_ENTRY -> Optional.of(DamageOutcome.REFUSED);
      case CORRUPT_NEWEST_SNAPSHOT -> Optional.of(DamageOutcome.RECOVERED_IN_FULL);
    };
  }

  @Override
  protected void damage(String domain, Damage damage, long sequence) throws SQLException {
    try (Connection c = DATABASE.dataSource().getConnection()) {
      switch (damage) {
        case CORRUPT_ENTRY -> flip(c, "entry", "payload", domain, sequence);
        case CORRUPT_NEWEST_SNAPSHOT -> flip(c, "snapshot", "state", domain, sequence);
        case MISSING_ENTRY -> {
          try (PreparedStatement p = c.prepareStatement("DELETE FROM switchboard_journal_entry"
              + " WHERE domain = ? AND sequence = ?")) {
            p.setString(1, domain);
            p.setLong(2, sequence);
            p.executeUpdate();
          }
        }
        default -> throw new AssertionError(damage);
      }
    }
  }

  /** Flips one bit in the middle of a row's bytes, as a bad disk would. */
  private static void flip(Connection c, String table, String column, String domain,
      long sequence) throws SQLException {
    String where = " WHERE domain = ? AND sequence = ?";
    byte[] bytes;
    try (PreparedStatement p = c.prepareStatement("SELECT " + column
        + " FROM switchboard_journal_" + table + where)) {
      p.setString(1, domain);
      p.setLong(2, sequence);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        bytes = r.getBytes(1);
      }
    }
    bytes[bytes.length / 2] ^= 0x40;
    try (PreparedStatement p = c.prepareStatement("UPDATE switchboard_journal_" + table
        + " SET " + column + " = ?" + where)) {
      p.setBytes(1, bytes);
      p.setString(2, domain);
      p.setLong(3, sequence);
      p.executeUpdate();
    }
  }
}
