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
 * The journal's schema on fresh databases: created on first use and recorded as version 1;
 * engines starting together on an empty database wait for one another's migration instead of
 * racing; a database upgraded by a newer version is refused, not misread.
 */
class PostgresSchemaTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  @Test
  void aFreshDatabase_getsTheTablesAndVersion1_once() throws Exception {
    DataSource db = DATABASE.newDatabase();
    for (int start = 0; start < 2; start++) {
      Journal journal = PostgresJournals.builder(db).domain("d").build();
      Recovered.from(journal);
      journal.close();
    }

    assertThat(strings(db, "SELECT version || ': ' || description FROM switchboard_schema"))
        .containsExactly("1: journal entries, snapshots and the writer row of each domain");
    assertThat(strings(db, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'switchboard%'"
        + " ORDER BY tablename")).containsExactly("switchboard_journal_entry",
            "switchboard_journal_snapshot", "switchboard_journal_writer", "switchboard_schema");
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

    assertThat(strings(db, "SELECT version FROM switchboard_schema")).containsExactly("1");
    assertThat(strings(db, "SELECT domain FROM switchboard_journal_entry ORDER BY domain"))
        .containsExactly("node-0", "node-1", "node-2", "node-3");
  }

  @Test
  void aDatabaseUpgradedByANewerVersion_isRefusedNamingBothVersions() throws Exception {
    DataSource db = DATABASE.newDatabase();
    Journal first = PostgresJournals.builder(db).domain("d").build();
    Recovered.from(first);
    first.close();
    execute(db, "INSERT INTO switchboard_schema (version, description) VALUES (2, 'leases')");

    Journal journal = PostgresJournals.builder(db).domain("d").build();
    assertThatThrownBy(() -> Recovered.from(journal)).isInstanceOf(JournalException.class)
        .hasMessageContaining("schema is version 2")
        .hasMessageContaining("knows versions up to 1");
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
