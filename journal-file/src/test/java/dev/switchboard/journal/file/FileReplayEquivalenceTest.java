package dev.switchboard.journal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RandomWorkload;
import dev.switchboard.journal.Durability;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Core's replay-equivalence check through the file journal: seeded random command sequences
 * exercise the codec and the file format with every command type, small segments and frequent
 * snapshots; the engine is closed and a new one started on the directory must hold exactly the
 * writer's state.
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
}
