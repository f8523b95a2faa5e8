package dev.switchboard.journal.tck;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link Journal#recover} call handed over: at most one snapshot, then the entries, as
 * the engine would receive them. {@link #from} records a recovery and refuses one that breaks the
 * order the SPI sets (a second snapshot, a snapshot after an entry). Useful in a journal's own
 * tests too.
 *
 * @param snapshot the snapshot handed over, if any
 * @param entries the entries handed over, in the order received
 * @since 0.2
 */
public record Recovered(Optional<JournalSnapshot> snapshot, List<JournalEntry> entries) {

  /** Copies the list. */
  public Recovered {
    Objects.requireNonNull(snapshot, "snapshot");
    entries = List.copyOf(entries);
  }

  /**
   * Calls {@code journal.recover} and records what it hands over.
   *
   * @throws AssertionError when recovery hands over a second snapshot or a snapshot after an
   *     entry; what {@code recover} throws is passed on
   */
  public static Recovered from(Journal journal) {
    Recorder recorder = new Recorder();
    journal.recover(recorder);
    if (recorder.problem != null) {
      throw new AssertionError(recorder.problem);
    }
    return new Recovered(Optional.ofNullable(recorder.snapshot), recorder.entries);
  }

  /** The sequence the next append must carry: one after the last entry or the snapshot. */
  public long nextSequence() {
    if (!entries.isEmpty()) {
      return entries.get(entries.size() - 1).sequence() + 1;
    }
    return snapshot.map(s -> s.sequence() + 1).orElse(1L);
  }

  /** A short description for messages: the snapshot's sequence and the entries' range. */
  public String describe() {
    String snap = snapshot.map(s -> "the snapshot after entry " + s.sequence() + " and ")
        .orElse("no snapshot and ");
    if (entries.isEmpty()) {
      return snap + "no entry";
    }
    return snap + entries.size() + " entries, " + entries.get(0).sequence() + " to "
        + entries.get(entries.size() - 1).sequence();
  }

  /** Collects what recover hands over and notes the first break of the SPI's order. */
  private static final class Recorder implements Journal.Recovery {
    private JournalSnapshot snapshot;
    private final List<JournalEntry> entries = new ArrayList<>();
    private String problem;

    @Override
    public void snapshot(JournalSnapshot taken) {
      if (problem == null && snapshot != null) {
        problem = "recover handed a second snapshot (after entry " + taken.sequence()
            + "); it must hand at most one, the newest";
      } else if (problem == null && !entries.isEmpty()) {
        problem = "recover handed a snapshot (after entry " + taken.sequence() + ") after "
            + entries.size() + " entries; the snapshot must come first";
      }
      snapshot = taken;
    }

    @Override
    public void entry(JournalEntry entry) {
      entries.add(entry);
    }
  }
}
