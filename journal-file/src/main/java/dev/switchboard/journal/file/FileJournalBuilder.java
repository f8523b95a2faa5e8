package dev.switchboard.journal.file;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.file.internal.FileJournal;
import dev.switchboard.journal.file.internal.FileStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Configures the file journal: an append-only sequence of segment files of length-prefixed,
 * CRC32C-checked records, plus snapshot files, in one directory. Each option may be set once.
 * Made by {@link FileJournals#builder}.
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
public final class FileJournalBuilder {

  private final Path directory;
  private final Set<String> setOnce = new LinkedHashSet<>();
  private Durability durability = Durability.SYNC;
  private Duration groupCommitDelay = Duration.ZERO;
  private long segmentBytes = 64L << 20;
  private int snapshotInterval = 100_000;
  private int snapshotsKept = 2;
  private boolean recoverUpToCorruption;

  FileJournalBuilder(Path directory) {
    this.directory = directory;
  }

  /** When calls complete relative to the disk; {@link Durability#SYNC} by default. */
  public FileJournalBuilder durability(Durability durability) {
    once("durability");
    this.durability = Objects.requireNonNull(durability, "durability");
    return this;
  }

  /**
   * How long the writer waits for more entries before forcing a group to disk; zero by default,
   * which still groups every entry that arrives while the previous force runs. A longer delay
   * means fewer forces and, in {@link Durability#SYNC}, calls that wait up to this much longer.
   * At most one second.
   */
  public FileJournalBuilder groupCommitDelay(Duration delay) {
    once("groupCommitDelay");
    Objects.requireNonNull(delay, "groupCommitDelay");
    if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("groupCommitDelay is " + delay
          + "; allowed: zero to one second");
    }
    this.groupCommitDelay = delay;
    return this;
  }

  /**
   * The size at which the journal starts a new segment file; 64 MiB by default, at least 4 KiB.
   */
  public FileJournalBuilder segmentBytes(long bytes) {
    once("segmentBytes");
    if (bytes < 4096) {
      throw new IllegalArgumentException("segmentBytes is " + bytes + "; allowed: 4096 or more");
    }
    this.segmentBytes = bytes;
    return this;
  }

  /**
   * Entries between snapshots; 100,000 by default; 0 for none (restart then replays the whole
   * history). Once {@link #snapshotsKept} snapshots exist, each new one lets the journal delete
   * the oldest and the segments before the oldest one it keeps.
   */
  public FileJournalBuilder snapshotInterval(int entries) {
    once("snapshotInterval");
    if (entries < 0) {
      throw new IllegalArgumentException("snapshotInterval is " + entries
          + "; allowed: 0 (no snapshots) or more");
    }
    this.snapshotInterval = entries;
    return this;
  }

  /**
   * How many snapshots the directory keeps, the newest ones; 2 by default, at least 2. Each one
   * more is a further fallback should the newer ones be damaged, at the cost of its file and of
   * {@link #snapshotInterval} more entries of log kept on disk and replayed when it is used.
   */
  public FileJournalBuilder snapshotsKept(int count) {
    once("snapshotsKept");
    if (count < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + count + "; allowed: 2 or more");
    }
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
  public Journal build() {
    return new FileJournal(new FileStorage(directory), durability, groupCommitDelay.toNanos(),
        segmentBytes, snapshotInterval, snapshotsKept, recoverUpToCorruption);
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }
}
