package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.tck.Recovered;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database server restarts under a running journal: the journal's connection is gone, so its
 * next append fails and every later one too (the engine stops rather than run ahead of the
 * store); a journal built after the server is back recovers every committed entry and goes on.
 */
class PostgresRestartTest {

  @TempDir
  Path data;

  @Test
  void aServerRestart_failsTheRunningJournal_andARestartedEngineRecoversEverything()
      throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Journal before;
    try (TestDatabase first = TestDatabase.start(data, port)) {
      before = PostgresJournals.builder(first.dataSource()).domain("restart").build();
      Recovered.from(before);
      for (long seq = 1; seq <= 20; seq++) {
        append(before, seq).get(10, TimeUnit.SECONDS);
      }
    }
    try (TestDatabase again = TestDatabase.start(data, port)) {
      assertThat(append(before, 21)).failsWithin(Duration.ofSeconds(10));
      assertThat(append(before, 22)).failsWithin(Duration.ofSeconds(10));
      before.close();

      Journal after = PostgresJournals.builder(again.dataSource()).domain("restart").build();
      Recovered recovered = Recovered.from(after);
      assertThat(recovered.entries()).extracting(JournalEntry::sequence)
          .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed()
              .toList());
      assertThat(recovered.entries().get(19).payload()).isEqualTo(payload(20));
      append(after, 21).get(10, TimeUnit.SECONDS);
      after.close();
    }
  }

  private static byte[] payload(long seq) {
    return ("entry " + seq).getBytes(StandardCharsets.US_ASCII);
  }

  private static CompletableFuture<Void> append(Journal journal, long seq) {
    return journal.append(new JournalEntry(seq, payload(seq))).toCompletableFuture();
  }
}
