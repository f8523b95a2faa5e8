package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.tck.Recovered;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the PostgreSQL journal does beyond the TCK's rules: one transaction per group, an abrupt
 * stop in the middle of a group, domains side by side, what snapshots let go, an engine that
 * restarts on it, and the builder's checks.
 */
class PostgresJournalTest {

  private static final AtomicInteger DOMAINS = new AtomicInteger();
  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  private static String newDomain() {
    return "test-" + DOMAINS.incrementAndGet();
  }

  private static byte[] payload(long seq) {
    return ("entry " + seq).getBytes(StandardCharsets.US_ASCII);
  }

  private static CompletableFuture<Void> append(Journal journal, long seq) {
    return journal.append(new JournalEntry(seq, payload(seq))).toCompletableFuture();
  }

  private static List<Long> sequences(Recovered recovered) {
    return recovered.entries().stream().map(JournalEntry::sequence).toList();
  }

  @Test
  void entriesGatheredDuringACommit_shareTheNextTransaction() throws Exception {
    ChaosDataSource source = new ChaosDataSource(DATABASE.dataSource());
    Journal journal = PostgresJournals.builder(source).domain(newDomain()).build();
    Recovered.from(journal);
    int before = source.commits();
    CountDownLatch gate = source.holdCommits();
    CompletableFuture<Void> first = append(journal, 1);
    source.awaitHeldCommit(); // the writer holds entry 1 in its transaction
    List<CompletableFuture<Void>> rest = new ArrayList<>();
    for (long seq = 2; seq <= 1000; seq++) {
      rest.add(append(journal, seq));
    }
    assertThat(first).isNotDone();
    gate.countDown();
    CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    assertThat(first).isCompleted();
    assertThat(source.commits() - before).as("transactions for 1,000 entries").isEqualTo(2);
    journal.close();
  }

  @Test
  void connectionsCutMidGroup_failTheGroup_andARestartHoldsWhatCommittedBefore()
      throws Exception {
    String domain = newDomain();
    ChaosDataSource source = new ChaosDataSource(DATABASE.dataSource());
    Journal journal = PostgresJournals.builder(source).domain(domain).build();
    Recovered.from(journal);
    for (long seq = 1; seq <= 10; seq++) {
      append(journal, seq).get(10, TimeUnit.SECONDS);
    }
    CountDownLatch gate = source.holdCommits();
    List<CompletableFuture<Void>> group = new ArrayList<>();
    group.add(append(journal, 11));
    source.awaitHeldCommit(); // entry 11 is inserted, its COMMIT not yet sent
    for (long seq = 12; seq <= 50; seq++) {
      group.add(append(journal, seq));
    }
    source.cut();
    gate.countDown();

    for (CompletableFuture<Void> stage : group) {
      assertThatThrownBy(() -> stage.get(10, TimeUnit.SECONDS))
          .hasMessageContaining("could not commit");
    }
    assertThat(append(journal, 51)).failsWithin(Duration.ofSeconds(10));
    Journal restarted = PostgresJournals.builder(DATABASE.dataSource()).domain(domain).build();
    Recovered after = Recovered.from(restarted);
    assertThat(sequences(after)).containsExactlyElementsOf(range(1, 10));
    append(restarted, 11).get(10, TimeUnit.SECONDS);
    restarted.close();
  }

  @Test
  void domainsShareTheTables_andEachRecoversItsOwnEntries() throws Exception {
    String a = newDomain();
    String b = newDomain();
    Journal ja = PostgresJournals.builder(DATABASE.dataSource()).domain(a).build();
    Journal jb = PostgresJournals.builder(DATABASE.dataSource()).domain(b).build();
    Recovered.from(ja);
    Recovered.from(jb);
    for (long seq = 1; seq <= 30; seq++) {
      append(ja, seq).get(10, TimeUnit.SECONDS);
      if (seq <= 12) {
        append(jb, seq).get(10, TimeUnit.SECONDS);
      }
    }
    ja.close();
    jb.close();

    assertThat(sequences(Recovered.from(PostgresJournals.builder(DATABASE.dataSource())
        .domain(a).build()))).containsExactlyElementsOf(range(1, 30));
    assertThat(sequences(Recovered.from(PostgresJournals.builder(DATABASE.dataSource())
        .domain(b).build()))).containsExactlyElementsOf(range(1, 12));
  }

  @Test
  void snapshots_keepTheNewestTwo_andTheEntriesAfterTheOlder() throws Exception {
    String domain = newDomain();
    writeWithSnapshotsEvery10(PostgresJournals.builder(DATABASE.dataSource()).domain(domain)
        .build(), 35);

    assertThat(column("snapshot", domain)).containsExactly(20L, 30L);
    assertThat(column("entry", domain)).containsExactlyElementsOf(range(21, 35));
    Recovered r = Recovered.from(PostgresJournals.builder(DATABASE.dataSource()).domain(domain)
        .build());
    assertThat(r.snapshot()).get().extracting(JournalSnapshot::sequence).isEqualTo(30L);
    assertThat(sequences(r)).containsExactlyElementsOf(range(31, 35));
  }

  @Test
  void snapshotsKept_three_keepsThreeAndTheEntriesAfterTheOldest() throws Exception {
    String domain = newDomain();
    writeWithSnapshotsEvery10(PostgresJournals.builder(DATABASE.dataSource()).domain(domain)
        .snapshotsKept(3).build(), 45);

    assertThat(column("snapshot", domain)).containsExactly(20L, 30L, 40L);
    assertThat(column("entry", domain)).containsExactlyElementsOf(range(21, 45));
  }

  @Test
  void anEngineRestartsOnTheJournal_withItsAgentsAndItems() {
    String domain = newDomain();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-05T09:00:00Z"));
    try (ManualSwitchboard sb = Switchboard.builder().clock(clock).journal(
        PostgresJournals.builder(DATABASE.dataSource()).domain(domain).build()).buildManual()) {
      ok(sb, sb.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 2).build()));
      ok(sb, sb.setPresence("a1", Presence.AVAILABLE));
      for (int i = 0; i < 5; i++) {
        ok(sb, sb.submit(WorkItem.builder("i" + i, Channel.CHAT).customer("c").build()));
      }
    }
    try (ManualSwitchboard sb = Switchboard.builder().clock(clock).journal(
        PostgresJournals.builder(DATABASE.dataSource()).domain(domain).build()).buildManual()) {
      var snapshot = ok(sb, sb.snapshot());
      assertThat(snapshot.items()).extracting(v -> v.item().id())
          .containsExactly("i0", "i1", "i2", "i3", "i4");
      assertThat(snapshot.items()).filteredOn(v -> v.state() == ItemState.OFFERED).hasSize(2);
      assertThat(snapshot.agents().get(0).presence()).isEqualTo(Presence.AVAILABLE);
    }
  }

  @Test
  void asyncDurability_completesAtOnce_andCloseCommitsEverything() throws Exception {
    String domain = newDomain();
    ChaosDataSource source = new ChaosDataSource(DATABASE.dataSource());
    Journal journal = PostgresJournals.builder(source).domain(domain)
        .durability(Durability.ASYNC).build();
    Recovered.from(journal);
    CountDownLatch gate = source.holdCommits();
    for (long seq = 1; seq <= 20; seq++) {
      assertThat(append(journal, seq)).as("entry " + seq).isCompleted();
    }
    gate.countDown();
    journal.close();
    assertThat(sequences(Recovered.from(PostgresJournals.builder(DATABASE.dataSource())
        .domain(domain).build()))).containsExactlyElementsOf(range(1, 20));
  }

  @Test
  void builder_refusesBadValues_andOptionsSetTwice() {
    var builder = PostgresJournals.builder(DATABASE.dataSource());
    assertThatThrownBy(() -> builder.domain("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 200 characters");
    assertThatThrownBy(() -> builder.domain("a\nb")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"a?b\"");
    assertThatThrownBy(() -> builder.domain("x".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.snapshotsKept(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 or more");
    assertThatThrownBy(() -> builder.snapshotInterval(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.groupCommitDelay(Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero to one second");
    builder.domain("tenant-a"); // a refused value does not count as set
    assertThatThrownBy(() -> builder.domain("tenant-b"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("domain was already set");
    builder.durability(Durability.ASYNC);
    assertThatThrownBy(() -> builder.durability(Durability.SYNC))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("durability");
    assertThatThrownBy(() -> PostgresJournals.builder(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static void writeWithSnapshotsEvery10(Journal journal, long last) throws Exception {
    Recovered.from(journal);
    for (long seq = 1; seq <= last; seq++) {
      append(journal, seq).get(10, TimeUnit.SECONDS);
      if (seq % 10 == 0) {
        journal.snapshot(new JournalSnapshot(seq, payload(seq)));
      }
    }
    journal.close();
  }

  private static List<Long> column(String table, String domain) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Connection c = DATABASE.dataSource().getConnection();
        PreparedStatement p = c.prepareStatement("SELECT sequence FROM switchboard_journal_"
            + table + " WHERE domain = ? ORDER BY sequence")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          values.add(r.getLong(1));
        }
      }
    }
    return values;
  }

  private static List<Long> range(long from, long to) {
    List<Long> list = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      list.add(s);
    }
    return list;
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }
}
