package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.tck.Recovered;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal's schema: created on first use and recorded as versions 1 and 2; a database left at
 * version 1 by the previous release is upgraded with its entries intact; engines starting together on an empty database wait for one another's migration instead of
 * racing; a database upgraded by a newer version is refused, not misread.
 */
class PostgresSchemaTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  @Test
  void aFreshDatabase_getsTheTablesAndEveryVersion_once() throws Exception {
    DataSource db = DATABASE.newDatabase();
    for (int start = 0; start < 2; start++) {
      Journal journal = PostgresJournals.builder(db).domain("d").build();
      Recovered.from(journal);
      journal.close();
    }

    assertThat(strings(db, "SELECT version || ': ' || description FROM switchboard_schema"))
        .containsExactly("1: journal entries, snapshots and the writer row of each domain",
            "2: leases, leadership history and cluster nodes");
    assertThat(strings(db, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'switchboard%'"
        + " ORDER BY tablename")).containsExactly("switchboard_journal_entry",
            "switchboard_journal_epoch", "switchboard_journal_snapshot",
            "switchboard_journal_writer", "switchboard_node", "switchboard_schema");
    assertThat(strings(db, "SELECT epoch || ' ' || coalesce(node, '-') FROM"
        + " switchboard_journal_epoch WHERE domain = 'd' ORDER BY epoch"))
        .as("each start took the domain over and is in its history").containsExactly("1 -", "2 -");
  }

  @Test
  void aDatabaseAtVersion1_isUpgraded_withItsEntriesIntact() throws Exception {
    DataSource db = DATABASE.newDatabase();
    // the tables as the release with schema version 1 left them, with one committed entry
    execute(db, """
        CREATE TABLE switchboard_schema (version integer PRIMARY KEY, description text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO switchboard_schema (version, description)
          VALUES (1, 'journal entries, snapshots and the writer row of each domain');
        CREATE TABLE switchboard_journal_writer (domain text PRIMARY KEY, epoch bigint NOT NULL,
          holder text NOT NULL, since timestamptz NOT NULL);
        CREATE TABLE switchboard_journal_entry (domain text NOT NULL, sequence bigint NOT NULL,
          epoch bigint NOT NULL, crc integer NOT NULL, payload bytea NOT NULL,
          PRIMARY KEY (domain, sequence));
        CREATE TABLE switchboard_journal_snapshot (domain text NOT NULL,
          sequence bigint NOT NULL, epoch bigint NOT NULL, crc integer NOT NULL,
          state bytea NOT NULL, taken_at timestamptz NOT NULL, PRIMARY KEY (domain, sequence));
        INSERT INTO switchboard_journal_writer VALUES ('d', 1, 'old', now());
        INSERT INTO switchboard_journal_entry VALUES ('d', 1, 1, 0, '\\x01')""");
    execute(db, "UPDATE switchboard_journal_entry SET crc = " + crcOf1() + " WHERE domain = 'd'");

    Journal journal = PostgresJournals.builder(db).domain("d").build();
    Recovered recovered = Recovered.from(journal);
    assertThat(recovered.entries()).hasSize(1);
    assertThat(recovered.entries().get(0).payload()).containsExactly(1);
    journal.close();
    assertThat(strings(db, "SELECT version FROM switchboard_schema ORDER BY version"))
        .containsExactly("1", "2");
    assertThat(strings(db, "SELECT epoch FROM switchboard_journal_writer")).containsExactly("2");
  }

  /** CRC32C of sequence 1 (8 bytes, big-endian) and the payload {1}, as the journal stores. */
  private static int crcOf1() {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(java.nio.ByteBuffer.allocate(8).putLong(0, 1));
    crc.update(new byte[] {1});
    return (int) crc.getValue();
  }

  @Test
  void enginesStartingTogetherOnAnEmptyDatabase_allMigrateWithoutRacing() throws Exception {
    DataSource db = DATABASE.newDatabase();
    int nodes = 4;
    CyclicBarrier together = new CyclicBarrier(nodes);
    List<CompletableFuture<Journal>> starts = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      String domain = "node-" + n;
      starts.add(CompletableFuture.supplyAsync(() -> {
        Journal journal = PostgresJournals.builder(db).domain(domain).build();
        try {
          together.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        Recovered.from(journal);
        return journal;
      }, r -> new Thread(r, "node").start()));
    }
    for (CompletableFuture<Journal> start : starts) {
      Journal journal = start.get(60, TimeUnit.SECONDS);
      journal.append(new JournalEntry(1, new byte[] {1})).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      journal.close();
    }

    assertThat(strings(db, "SELECT version FROM switchboard_schema ORDER BY version"))
        .containsExactly("1", "2");
    assertThat(strings(db, "SELECT domain FROM switchboard_journal_entry ORDER BY domain"))
        .containsExactly("node-0", "node-1", "node-2", "node-3");
  }

  @Test
  void aDatabaseUpgradedByANewerVersion_isRefusedNamingBothVersions() throws Exception {
    DataSource db = DATABASE.newDatabase();
    Journal first = PostgresJournals.builder(db).domain("d").build();
    Recovered.from(first);
    first.close();
    execute(db, "INSERT INTO switchboard_schema (version, description) VALUES (3, 'later')");

    Journal journal = PostgresJournals.builder(db).domain("d").build();
    assertThatThrownBy(() -> Recovered.from(journal)).isInstanceOf(JournalException.class)
        .hasMessageContaining("schema is version 3")
        .hasMessageContaining("knows versions up to 2");
    journal.close();
  }

  private static List<String> strings(DataSource db, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  private static void execute(DataSource db, String sql) throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
