package dev.switchboard.journal;

/**
 * Makes the in-memory journals that core ships; the file journal is in {@code
 * switchboard-journal-file} ({@code FileJournals.builder(directory)}). Give one to {@code SwitchboardBuilder.journal(...)}.
 *
 * @since 0.2
 */
public final class Journals {

  private Journals() {}

  /** A journal in memory that never snapshots, for tests. */
  public static InMemoryJournal inMemory() {
    return new InMemoryJournal(0);
  }

  /** A journal in memory that snapshots every {@code snapshotInterval} entries, for tests. */
  public static InMemoryJournal inMemory(int snapshotInterval) {
    return new InMemoryJournal(snapshotInterval);
  }
}
