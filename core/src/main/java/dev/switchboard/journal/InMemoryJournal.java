package dev.switchboard.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A journal held in memory, for tests: it outlives the engine that wrote it, so a test can build
 * a second engine on it to check what a restart recovers. Every append is durable at once. Not a
 * protection against a crash of the process. Thread-safe.
 *
 * @since 0.2
 */
public final class InMemoryJournal implements Journal {

  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final int snapshotInterval;
  private final List<JournalEntry> entries = new ArrayList<>();
  private JournalSnapshot snapshot;

  InMemoryJournal(int snapshotInterval) {
    if (snapshotInterval < 0) {
      throw new IllegalArgumentException("snapshotInterval is " + snapshotInterval
          + "; allowed: 0 (no snapshots) or more");
    }
    this.snapshotInterval = snapshotInterval;
  }

  @Override
  public synchronized void recover(Recovery recovery) {
    if (snapshot != null) {
      recovery.snapshot(snapshot);
    }
    entries.forEach(recovery::entry);
  }

  @Override
  public synchronized CompletionStage<Void> append(JournalEntry entry) {
    long expected = entries.isEmpty()
        ? (snapshot == null ? 1 : snapshot.sequence() + 1)
        : entries.get(entries.size() - 1).sequence() + 1;
    if (entry.sequence() != expected) {
      return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
          + " appended where " + expected + " was expected"));
    }
    entries.add(entry);
    return DONE;
  }

  @Override
  public synchronized void snapshot(JournalSnapshot taken) {
    snapshot = taken;
    entries.removeIf(e -> e.sequence() <= taken.sequence());
  }

  @Override
  public int snapshotInterval() {
    return snapshotInterval;
  }

  /** The entries held after the newest snapshot, in order. */
  public synchronized List<JournalEntry> entries() {
    return List.copyOf(entries);
  }

  /** The newest snapshot, if one was taken. */
  public synchronized Optional<JournalSnapshot> latestSnapshot() {
    return Optional.ofNullable(snapshot);
  }

  /** Does nothing: the contents stay for the next engine. */
  @Override
  public void close() {}
}
