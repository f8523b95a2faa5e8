package dev.switchboard.journal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RandomWorkload;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's replay-equivalence check through the file journal: seeded random command sequences
 * exercise the codec and the file format with every command type, small segments and frequent
 * snapshots; the engine is closed and a new one started on the directory must hold exactly the
 * writer's state, also when its newest snapshot is damaged.
 */
class FileReplayEquivalenceTest {

  private static final int COMMANDS = 160;

  @Test
  void rebuiltFromTheFileJournal_equalsTheWriter(@TempDir Path dir) {
    for (long seed = 0; seed < 10; seed++) {
      Path journalDir = dir.resolve("seed" + seed);
      RandomWorkload writer = new RandomWorkload(seed, FileJournals.builder(journalDir)
          .durability(Durability.ASYNC).segmentBytes(4096).snapshotInterval(37).build(),
          RandomWorkload.START);
      for (int i = 0; i < COMMANDS; i++) {
        writer.step();
      }
      writer.close();
      RandomWorkload restarted = new RandomWorkload(seed,
          FileJournals.builder(journalDir).build(), writer.now());
      assertThat(restarted.comparableState()).as("seed " + seed)
          .isEqualTo(writer.comparableState());
      restarted.close();
    }
  }

  @Test
  void newestSnapshotDamaged_theOlderOnePlusTheLogRebuildsTheWritersExactState(@TempDir Path dir)
      throws IOException {
    for (long seed = 0; seed < 3; seed++) {
      Path damaged = dir.resolve("damaged" + seed);
      Path intact = dir.resolve("intact" + seed);
      RandomWorkload writer = new RandomWorkload(seed, new EachEntryWaited(
          FileJournals.builder(damaged).segmentBytes(4096).snapshotInterval(17).build()),
          RandomWorkload.START);
      for (int i = 0; i < COMMANDS; i++) {
        writer.step();
      }
      writer.close();
      List<String> snapshots = files(damaged).stream().filter(n -> n.endsWith(".snap")).toList();
      assertThat(snapshots).as("seed " + seed).hasSize(2);
      Files.createDirectory(intact);
      for (String name : files(damaged)) {
        Files.copy(damaged.resolve(name), intact.resolve(name));
      }
      Path newest = damaged.resolve(snapshots.get(1));
      byte[] bytes = Files.readAllBytes(newest);
      bytes[bytes.length / 2] ^= 0x01;
      Files.write(newest, bytes);

      for (Path d : List.of(intact, damaged)) {
        RandomWorkload restarted = new RandomWorkload(seed, FileJournals.builder(d).build(),
            writer.now());
        assertThat(restarted.comparableState()).as("seed " + seed + ", " + d.getFileName())
            .isEqualTo(writer.comparableState());
        restarted.close();
      }
      assertThat(files(damaged)).contains(snapshots.get(1) + ".discarded");
    }
  }

  /**
   * Waits for each entry to be on disk before the loop goes on, so that the writer takes every
   * snapshot before the next one could replace it: every snapshot requested gets written.
   */
  private record EachEntryWaited(Journal journal) implements Journal {

    @Override
    public void recover(Recovery recovery) {
      journal.recover(recovery);
    }

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      CompletionStage<Void> stage = journal.append(entry);
      stage.toCompletableFuture().join();
      return stage;
    }

    @Override
    public void snapshot(JournalSnapshot snapshot) {
      journal.snapshot(snapshot);
    }

    @Override
    public int snapshotInterval() {
      return journal.snapshotInterval();
    }

    @Override
    public void close() {
      journal.close();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
