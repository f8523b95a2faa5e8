package dev.switchboard.journal.file;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalBuilder;
import dev.switchboard.journal.file.internal.FileJournal;
import dev.switchboard.journal.file.internal.FileStorage;
import java.nio.file.Path;

/**
 * Configures the file journal: an append-only sequence of segment files of length-prefixed,
 * CRC32C-checked records, plus snapshot files, in one directory. Each option may be set once (a
 * value refused does not count). Made by {@link FileJournals#builder}. With {@link
 * dev.switchboard.journal.Durability#SYNC} a call completes after its entry was forced to disk;
 * each {@linkplain #snapshotInterval snapshot} past the {@link #snapshotsKept} newest lets the
 * journal delete the oldest and the segments before the oldest one it keeps.
 *
 * <p>On disk the directory keeps the newest {@linkplain #snapshotsKept snapshots} (2 by default),
 * each with its own CRC, and every segment needed to replay the log from the oldest of them;
 * until that many snapshots exist, it keeps the log from entry 1. On start the journal uses the
 * newest snapshot whose file is whole. If that one is damaged (a flipped byte, truncated,
 * unreadable) it logs a warning naming the file and the damage and starts from the next older
 * snapshot, or from the log's first entry, replaying the log after it: with the log intact the
 * engine ends in the same state as from the newest. Once started it renames the damaged files
 * {@code *.discarded}, so that they no longer count among those kept. Only when no snapshot is
 * intact and the log no longer starts at entry 1 does start-up stop, even with {@link
 * #recoverUpToCorruption}: the engine never starts empty while older state exists.
 *
 * @since 0.2
 */
public final class FileJournalBuilder extends JournalBuilder<FileJournalBuilder> {

  private final Path directory;
  private long segmentBytes = 64L << 20;
  private int snapshotsKept = 2;
  private boolean recoverUpToCorruption;

  FileJournalBuilder(Path directory) {
    this.directory = directory;
  }

  /**
   * The size at which the journal starts a new segment file; 64 MiB by default, at least 4 KiB.
   */
  public FileJournalBuilder segmentBytes(long bytes) {
    if (bytes < 4096) {
      throw new IllegalArgumentException("segmentBytes is " + bytes + "; allowed: 4096 or more");
    }
    once("segmentBytes");
    this.segmentBytes = bytes;
    return this;
  }

  /**
   * How many snapshots the directory keeps, the newest ones; 2 by default, at least 2. Each one
   * more is a further fallback should the newer ones be damaged, at the cost of its file and of
   * a {@linkplain #snapshotInterval snapshot interval} more of log kept on disk and replayed when
   * it is used.
   */
  public FileJournalBuilder snapshotsKept(int count) {
    if (count < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + count + "; allowed: 2 or more");
    }
    once("snapshotsKept");
    this.snapshotsKept = count;
    return this;
  }

  /**
   * Whether start-up may go on after corruption in the middle of the journal, keeping only what
   * comes before it; false by default, when start-up fails naming the file and offset. The
   * segments after the corruption are kept aside, renamed with the suffix {@code .discarded}.
   * A torn last record (a crash mid-write) is always cut off, with a warning. A damaged snapshot
   * needs no permission: an older snapshot or the log from entry 1 replaces it (see above); when
   * neither is left, start-up stops even with this set.
   */
  public FileJournalBuilder recoverUpToCorruption(boolean allow) {
    once("recoverUpToCorruption");
    this.recoverUpToCorruption = allow;
    return this;
  }

  /** The journal; the directory is opened when an engine starts on it. */
  @Override
  public Journal build() {
    return new FileJournal(new FileStorage(directory), durabilityOption(),
        groupCommitDelayNanos(), segmentBytes, snapshotIntervalOption(), snapshotsKept,
        recoverUpToCorruption);
  }
}
