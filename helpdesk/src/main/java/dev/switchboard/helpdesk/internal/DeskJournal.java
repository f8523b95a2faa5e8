package dev.switchboard.helpdesk.internal;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * The desk's side of its {@link Journal}: numbers entries, reads them back on start, and tracks
 * which are durable. Without a journal every entry is durable at once. {@link #append} is called
 * under the desk's lock, so entries go to the journal one at a time in the desk's order.
 */
final class DeskJournal {

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final Journal journal;
  private final LongConsumer durable;
  private final Runnable lateDurable;
  private long last;
  private CompletableFuture<Void> lastDone = DONE;
  private volatile Throwable failure;

  /**
   * A journal ({@code null} for none) whose durable entries are reported to {@code durable}, on
   * whichever thread completes them; {@code lateDurable} runs after that when the entry was not
   * durable yet as {@link #append} returned.
   */
  DeskJournal(Journal journal, LongConsumer durable, Runnable lateDurable) {
    this.journal = journal;
    this.durable = durable;
    this.lateDurable = lateDurable;
  }

  /** Whether entries are recorded at all. */
  boolean enabled() {
    return journal != null;
  }

  /**
   * Opens the journal and reads every entry, in order. Throws {@link JournalException} for a
   * snapshot (the desk writes none), a gap or a payload it cannot read.
   */
  List<DeskCodec.Decoded> recover() {
    List<DeskCodec.Decoded> out = new ArrayList<>();
    if (journal == null) {
      return out;
    }
    journal.recover(new Journal.Recovery() {
      @Override
      public void snapshot(JournalSnapshot snapshot) {
        throw new JournalException("the journal holds a snapshot after entry "
            + snapshot.sequence() + ", but the help desk writes none: is this the engine's"
            + " journal? Give the help desk a store of its own");
      }

      @Override
      public void entry(JournalEntry entry) {
        if (entry.sequence() != last + 1) {
          throw new JournalException("help desk journal entry " + entry.sequence()
              + " follows entry " + last + "; entries are missing");
        }
        try {
          out.add(DeskCodec.decode(entry.payload()));
        } catch (IOException e) {
          throw new JournalException("help desk journal entry " + entry.sequence()
              + " cannot be read: " + e.getMessage() + "; is this the help desk's journal?", e);
        }
        last = entry.sequence();
      }
    });
    durable.accept(last);
    return out;
  }

  /** Records a payload as the next entry; returns its sequence. Under the desk's lock. */
  long append(byte[] payload) {
    long sequence = ++last;
    if (journal == null) {
      durable.accept(sequence);
      return sequence;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    CompletionStage<Void> stage;
    try {
      stage = journal.append(new JournalEntry(sequence, payload));
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedStage(e);
    }
    AtomicBoolean appending = new AtomicBoolean(true);
    stage.whenComplete((ok, e) -> {
      if (e != null) {
        if (failure == null) {
          failure = e;
        }
        done.completeExceptionally(e);
        return;
      }
      durable.accept(sequence);
      done.complete(null);
      if (!appending.get()) {
        lateDurable.run();
      }
    });
    appending.set(false);
    lastDone = done;
    return sequence;
  }

  /** The sequence of the last entry recorded (0 for none). Under the desk's lock. */
  long last() {
    return last;
  }

  /** Completes once the last entry recorded so far is durable. Under the desk's lock. */
  CompletableFuture<Void> lastDurable() {
    return lastDone;
  }

  /** Throws when the journal failed earlier: the desk then accepts nothing more. */
  void requireHealthy() {
    Throwable f = failure;
    if (f != null) {
      throw new JournalException("the help desk's journal failed and the help desk accepts"
          + " nothing more; close it and build a new one once the cause is fixed: " + f, f);
    }
  }

  /** Makes everything recorded durable and releases the store. */
  void close() {
    if (journal != null) {
      journal.close();
    }
  }
}
