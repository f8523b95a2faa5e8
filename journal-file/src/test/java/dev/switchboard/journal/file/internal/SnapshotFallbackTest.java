package dev.switchboard.journal.file.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.file.FileJournalBuilder;
import dev.switchboard.journal.file.FileJournals;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshots the file journal keeps and how recovery falls back when they are damaged,
 * through the journal SPI: entries and snapshots are written as an engine would write them, and
 * what recovery hands over (at most one snapshot, then entries in sequence) is recorded. Entries
 * of 1,000 bytes and 4 KiB segments give five entries per segment.
 */
class SnapshotFallbackTest {

  private static final int PAYLOAD = 1000;

  @TempDir
  Path dir;

  private static FileJournalBuilder builder(Path dir) {
    return FileJournals.builder(dir).segmentBytes(4096);
  }

  /** What a recovery handed over: "snapshot N" with its state checked, then "entry N" each. */
  private static List<String> recover(Journal journal) {
    List<String> calls = new ArrayList<>();
    journal.recover(new Journal.Recovery() {
      @Override
      public void snapshot(JournalSnapshot snapshot) {
        String state = new String(snapshot.state(), StandardCharsets.UTF_8);
        calls.add(state.equals("state at " + snapshot.sequence())
            ? "snapshot " + snapshot.sequence() : "snapshot with wrong state " + state);
      }

      @Override
      public void entry(JournalEntry entry) {
        calls.add(new String(entry.payload(), StandardCharsets.UTF_8).strip());
      }
    });
    return calls;
  }

  /** What a recovery from the snapshot (0 for none) should hand over up to entry {@code to}. */
  private static List<String> expected(long snapshot, long to) {
    List<String> calls = new ArrayList<>();
    if (snapshot > 0) {
      calls.add("snapshot " + snapshot);
    }
    for (long s = snapshot + 1; s <= to; s++) {
      calls.add("entry " + s);
    }
    return calls;
  }

  /**
   * Appends entries {@code from} to {@code to} to an opened journal, each durably, with a
   * snapshot after every {@code every}-th, as the engine would.
   */
  private static void append(Journal journal, long from, long to, int every) {
    for (long s = from; s <= to; s++) {
      append(journal, s);
      if (s % every == 0) {
        journal.snapshot(new JournalSnapshot(s,
            ("state at " + s).getBytes(StandardCharsets.UTF_8)));
      }
    }
  }

  /** Appends one entry and waits until the writer has made it durable. */
  private static void append(Journal journal, long sequence) {
    byte[] payload = String.format("%-" + PAYLOAD + "s", "entry " + sequence)
        .getBytes(StandardCharsets.UTF_8);
    journal.append(new JournalEntry(sequence, payload)).toCompletableFuture().join();
  }

  /** A new directory's journal with entries 1 to {@code to}, closed. */
  private void write(FileJournalBuilder builder, long to, int every) {
    Journal journal = builder.build();
    assertThat(recover(journal)).isEmpty();
    append(journal, 1, to, every);
    journal.close();
  }

  /** Opens a journal on the directory, returns what it recovered, and closes it. */
  private static List<String> recovered(FileJournalBuilder builder) {
    Journal journal = builder.build();
    try {
      return recover(journal);
    } finally {
      journal.close();
    }
  }

  @Test
  void flippedByteInTheNewestSnapshot_recoversFromThePreviousOnePlusTheLog() throws IOException {
    write(builder(dir), 53, 10);
    assertThat(snapshotFiles()).containsExactly(snap(40), snap(50));
    flip(snap(50), Format.SNAPSHOT_HEADER + 3);

    assertThat(recovered(builder(dir))).isEqualTo(expected(40, 53));
    // put aside, so that it no longer counts as one of the kept snapshots
    assertThat(names()).contains(snap(50) + ".discarded").doesNotContain(snap(50));
  }

  @Test
  void truncatedNewestSnapshot_fallsBack_whetherCutInItsHeaderOrInItsState() throws IOException {
    for (Path d : List.of(dir.resolve("header"), dir.resolve("state"))) {
      write(builder(d), 50, 10);
    }
    truncate(dir.resolve("header").resolve(snap(50)), Format.SNAPSHOT_HEADER - 5);
    truncate(dir.resolve("state").resolve(snap(50)), Format.SNAPSHOT_HEADER + 4);
    assertThat(recovered(builder(dir.resolve("header")))).isEqualTo(expected(40, 50));
    assertThat(recovered(builder(dir.resolve("state")))).isEqualTo(expected(40, 50));
  }

  @Test
  void newestSnapshotThatIsNotAFile_isUnreadable_andFallsBack() throws IOException {
    write(builder(dir), 50, 10);
    Files.delete(dir.resolve(snap(50)));
    Files.createDirectory(dir.resolve(snap(50))); // reading it fails with an IOException
    assertThat(recovered(builder(dir))).isEqualTo(expected(40, 50));
  }

  @Test
  void onlySnapshotDamaged_beforeASecondExists_replaysTheLogFromEntryOne() throws IOException {
    write(builder(dir), 17, 10);
    assertThat(names()).contains(Format.segmentName(1)); // nothing trimmed with one snapshot
    flip(snap(10), Format.SNAPSHOT_HEADER + 1);
    assertThat(recovered(builder(dir))).isEqualTo(expected(0, 17));
  }

  @Test
  void everySnapshotDamaged_whileTheLogStartsAtEntryOne_replaysTheLog() throws IOException {
    write(builder(dir).snapshotsKept(3), 27, 10);
    assertThat(snapshotFiles()).containsExactly(snap(10), snap(20));
    flip(snap(10), 9); // in the header's sequence
    flip(snap(20), Format.SNAPSHOT_HEADER);
    assertThat(recovered(builder(dir).snapshotsKept(3))).isEqualTo(expected(0, 27));
  }

  @Test
  void everySnapshotDamaged_afterTrimming_stopsStartUpNamingThem_evenWhenAllowedToRecoverUpTo()
      throws IOException {
    write(builder(dir), 50, 10);
    flip(snap(40), Format.SNAPSHOT_HEADER + 2);
    truncate(dir.resolve(snap(50)), 7);
    List<String> before = names();
    for (boolean allow : new boolean[] {false, true}) {
      assertThatThrownBy(() -> recovered(builder(dir).recoverUpToCorruption(allow)))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining(dir.resolve(snap(40)).toString())
          .hasMessageContaining(dir.resolve(snap(50)).toString())
          .hasMessageContaining("CRC32C")
          .hasMessageContaining("truncated")
          .hasMessageContaining("the log starts at entry 41");
      assertThat(names()).as("a failed start changes no file").isEqualTo(before);
    }
  }

  @Test
  void noSnapshotAndTheFirstSegmentGone_stopsStartUp_insteadOfStartingEmpty() throws IOException {
    write(builder(dir).snapshotInterval(0), 12, Integer.MAX_VALUE);
    Files.delete(dir.resolve(seg(1)));
    List<String> before = names();
    assertThatThrownBy(() -> recovered(builder(dir).recoverUpToCorruption(true)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("there is no snapshot and the log starts at entry 6, not 1");
    assertThat(names()).isEqualTo(before); // nothing put aside
  }

  @Test
  void newestSnapshotDamaged_andTheLogAfterTheOlderOneDamaged_stopsStartUpAtTheLog_orRecoversUpTo()
      throws IOException {
    write(builder(dir), 53, 10);
    assertThat(names()).contains(seg(41), seg(46), seg(51));
    flip(snap(50), Format.SNAPSHOT_HEADER + 3);
    int entry43 = Format.SEGMENT_HEADER + 2 * (Format.RECORD_HEADER + PAYLOAD);
    flip(seg(41), entry43 + Format.RECORD_HEADER + 10);

    assertThatThrownBy(() -> recovered(builder(dir)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining(dir.resolve(seg(41)) + " at offset " + entry43)
        .hasMessageContaining("Entries up to 42 are intact");
    assertThat(names()).contains(snap(50)); // untouched until a start succeeds

    assertThat(recovered(builder(dir).recoverUpToCorruption(true))).isEqualTo(expected(40, 42));
    assertThat(names()).contains(seg(46) + ".discarded", seg(51) + ".discarded",
        snap(50) + ".discarded");
  }

  @Test
  void afterAFallback_theGoodOlderSnapshotStaysKept_andCoversTheNextDamage() throws IOException {
    write(builder(dir), 50, 10);
    flip(snap(50), Format.SNAPSHOT_HEADER + 3);
    Journal journal = builder(dir).build();
    assertThat(recover(journal)).isEqualTo(expected(40, 50));
    append(journal, 51, 64, 10);
    journal.close();
    assertThat(snapshotFiles()).containsExactly(snap(40), snap(60));

    flip(snap(60), Format.SNAPSHOT_HEADER + 3);
    assertThat(recovered(builder(dir))).isEqualTo(expected(40, 64));
  }

  @Test
  void retention_keepsEverySegmentTheOldestKeptSnapshotNeeds() throws IOException {
    write(builder(dir).snapshotsKept(3), 73, 10);
    assertThat(snapshotFiles()).containsExactly(snap(50), snap(60), snap(70));
    List<Long> firsts = new ArrayList<>(Format.segments(names()).keySet());
    assertThat(firsts.get(0)).isEqualTo(51L); // started when snapshot 50 was written
    assertThat(firsts).containsSubsequence(51L, 61L, 71L);

    // the two newest gone, the oldest kept one and the segments after it rebuild everything
    Files.delete(dir.resolve(snap(70)));
    truncate(dir.resolve(snap(60)), 0);
    assertThat(recovered(builder(dir).snapshotsKept(3))).isEqualTo(expected(50, 73));
  }

  @Test
  void keptSnapshotFiles_stayAtTheConfiguredNumber_overManySnapshots() throws IOException {
    for (int kept : new int[] {2, 4}) {
      Path d = dir.resolve("kept" + kept);
      Journal journal = builder(d).snapshotsKept(kept).build();
      recover(journal);
      for (long s = 1; s <= 60; s++) {
        append(journal, s);
        // the writer finished with the snapshot before entry s before making s durable
        assertThat(Format.snapshots(names(d))).as("after entry " + s)
            .hasSize((int) Math.min(kept, (s - 1) / 3));
        if (s % 3 == 0) {
          journal.snapshot(new JournalSnapshot(s, new byte[] {1}));
        }
      }
      journal.close();
      List<String> files = names(d);
      assertThat(Format.snapshots(files).keySet()).as("kept " + kept)
          .containsExactlyElementsOf(kept == 2 ? List.of(57L, 60L)
              : List.of(51L, 54L, 57L, 60L));
      assertThat(files).noneMatch(n -> n.endsWith(Format.TEMPORARY_SUFFIX));
      assertThat(Format.segments(files).firstKey()).isEqualTo(kept == 2 ? 58L : 52L);
    }
  }

  @Test
  void fewerSnapshotsKeptThanBefore_trimsTheDirectoryOnTheNextStart() throws IOException {
    write(builder(dir).snapshotsKept(3), 53, 10);
    assertThat(snapshotFiles()).containsExactly(snap(30), snap(40), snap(50));
    assertThat(recovered(builder(dir))).isEqualTo(expected(50, 53));
    assertThat(snapshotFiles()).containsExactly(snap(40), snap(50));
    assertThat(Format.segments(names()).firstKey()).isEqualTo(41L);
  }

  @Test
  void snapshotFileLeftHalfWrittenByACrash_isRemoved_andTheOlderSnapshotsUsed()
      throws IOException {
    write(builder(dir), 27, 10);
    String temporary = snap(30) + Format.TEMPORARY_SUFFIX;
    Files.write(dir.resolve(temporary), new byte[] {0x53, 0x57, 0x4A});
    assertThat(recovered(builder(dir))).isEqualTo(expected(20, 27));
    assertThat(names()).doesNotContain(temporary);
  }

  @Test
  void snapshotWriteThatFails_leavesNoTemporaryFile() throws IOException {
    FileStorage storage = new FileStorage(dir);
    storage.lock();
    try {
      Files.createDirectories(dir.resolve(snap(30)).resolve("in-the-way"));
      assertThatThrownBy(() -> storage.writeAtomically(snap(30), new byte[] {1, 2, 3}))
          .isInstanceOf(IOException.class); // the rename cannot replace a directory
      assertThat(names()).noneMatch(n -> n.endsWith(Format.TEMPORARY_SUFFIX));
    } finally {
      storage.unlock();
    }
  }

  @Test
  void snapshotProblem_namesEachKindOfDamage() {
    byte[] good = Format.snapshotFile(7, "abcdef".getBytes(StandardCharsets.UTF_8));
    assertThat(Format.snapshotProblem(good, 7)).isNull();
    assertThat(Format.snapshotState(good)).asString(StandardCharsets.UTF_8).isEqualTo("abcdef");
    assertThat(Format.snapshotProblem(java.util.Arrays.copyOf(good, 10), 7))
        .isEqualTo("truncated: 10 bytes, shorter than the 24-byte header");
    assertThat(Format.snapshotProblem(java.util.Arrays.copyOf(good, 27), 7))
        .isEqualTo("the header announces 6 state bytes and the file holds 3 (truncated)");
    assertThat(Format.snapshotProblem(java.util.Arrays.copyOf(good, 32), 7))
        .isEqualTo("the header announces 6 state bytes and the file holds 8");
    assertThat(Format.snapshotProblem(good, 8))
        .isEqualTo("its header names entry 7, its file name entry 8");
    byte[] flipped = good.clone();
    flipped[Format.SNAPSHOT_HEADER + 5] ^= 1;
    assertThat(Format.snapshotProblem(flipped, 7))
        .isEqualTo("the state's CRC32C does not match its content");
    byte[] magic = good.clone();
    magic[0] = 0;
    assertThat(Format.snapshotProblem(magic, 7)).startsWith("not a snapshot header");
    byte[] version = good.clone();
    version[7] = 9;
    assertThat(Format.snapshotProblem(version, 7))
        .isEqualTo("format version 9 where 1 was expected");
  }

  @Test
  void snapshotsKept_isAtLeastTwo_andSetOnce() {
    assertThatThrownBy(() -> FileJournals.builder(dir).snapshotsKept(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snapshotsKept is 1; allowed: 2 or more");
    assertThatThrownBy(() -> FileJournals.builder(dir).snapshotsKept(3).snapshotsKept(4))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("snapshotsKept");
  }

  private static String snap(long sequence) {
    return Format.snapshotName(sequence);
  }

  private static String seg(long first) {
    return Format.segmentName(first);
  }

  private List<String> snapshotFiles() throws IOException {
    return List.copyOf(Format.snapshots(names()).values());
  }

  private List<String> names() throws IOException {
    return names(dir);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void flip(String name, int offset) throws IOException {
    Path file = dir.resolve(name);
    byte[] data = Files.readAllBytes(file);
    data[offset] ^= 0x40;
    Files.write(file, data);
  }

  private static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }
}
