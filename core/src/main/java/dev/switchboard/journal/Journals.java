package dev.switchboard.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Makes the built-in journals. Give one to {@code SwitchboardBuilder.journal(...)}.
 *
 * @since 0.2
 */
public final class Journals {

  private Journals() {}

  /**
   * Starts configuring an append-only file journal in the directory (created if missing). One
   * engine at a time may use a directory.
   */
  public static FileJournalBuilder file(Path directory) {
    return new FileJournalBuilder(Objects.requireNonNull(directory, "directory"));
  }

  /** A journal in memory that never snapshots, for tests. */
  public static InMemoryJournal inMemory() {
    return new InMemoryJournal(0);
  }

  /** A journal in memory that snapshots every {@code snapshotInterval} entries, for tests. */
  public static InMemoryJournal inMemory(int snapshotInterval) {
    return new InMemoryJournal(snapshotInterval);
  }
}
