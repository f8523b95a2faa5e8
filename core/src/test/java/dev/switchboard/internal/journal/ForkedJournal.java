package dev.switchboard.internal.journal;

import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A journal that recovers what another in-memory journal holds now and keeps its own appends:
 * a restart taken at one moment, while the original engine goes on writing its own journal.
 */
final class ForkedJournal implements Journal {

  private final JournalSnapshot snapshot;
  private final List<JournalEntry> entries;
  final List<JournalEntry> appended = new ArrayList<>();

  ForkedJournal(InMemoryJournal source) {
    this.snapshot = source.latestSnapshot().orElse(null);
    this.entries = source.entries();
  }

  @Override
  public void recover(Recovery recovery) {
    if (snapshot != null) {
      recovery.snapshot(snapshot);
    }
    entries.forEach(recovery::entry);
  }

  @Override
  public CompletionStage<Void> append(JournalEntry entry) {
    appended.add(entry);
    return CompletableFuture.completedStage(null);
  }

  @Override
  public void close() {}
}
