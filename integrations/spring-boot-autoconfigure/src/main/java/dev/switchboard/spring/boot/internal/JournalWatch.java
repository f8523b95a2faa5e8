package dev.switchboard.spring.boot.internal;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches the engine's journal for the health indicator: what kind it is, how many entries the
 * engine appended that are not durable yet (the journal's lag), the first failure, and whether
 * it was closed. {@link #wrap} puts the watch between the engine and the journal; every call
 * passes through unchanged.
 */
public final class JournalWatch {

  private final String kind;
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong durable = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closed;
  private volatile boolean attached;

  /** A watch of a journal of this kind ("file", "postgres", "none", or the class name). */
  public JournalWatch(String kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /** What kind of journal the engine has. */
  public String kind() {
    return kind;
  }

  /** Entries appended and not yet durable. */
  public long pending() {
    return appended.get() - durable.get();
  }

  /** Entries appended since start. */
  public long appended() {
    return appended.get();
  }

  /** The first append that failed, after which the engine stopped. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Whether the engine closed the journal. */
  public boolean closed() {
    return closed;
  }

  /**
   * Whether the auto-configured engine was built with this watch; not when the application
   * built its own engine, whose journal the watch then cannot see.
   */
  public boolean attached() {
    return attached;
  }

  /** Marks the watch as the auto-configured engine's, which keeps no journal. */
  public void attachNone() {
    attached = true;
  }

  /** The journal with this watch in front of it, for the auto-configured engine. */
  public Journal wrap(Journal journal) {
    Objects.requireNonNull(journal, "journal");
    attached = true;
    return new Journal() {
      @Override
      public void recover(Recovery recovery) {
        journal.recover(recovery);
      }

      @Override
      public CompletionStage<Void> append(JournalEntry entry) {
        appended.incrementAndGet();
        CompletionStage<Void> stage = journal.append(entry);
        stage.whenComplete((ok, e) -> {
          durable.incrementAndGet();
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        return stage;
      }

      @Override
      public void snapshot(JournalSnapshot snapshot) {
        journal.snapshot(snapshot);
      }

      @Override
      public int maxEntryBytes() {
        return journal.maxEntryBytes();
      }

      @Override
      public int snapshotInterval() {
        return journal.snapshotInterval();
      }

      @Override
      public void close() {
        try {
          journal.close();
        } finally {
          closed = true;
        }
      }

      @Override
      public String toString() {
        return journal.toString();
      }
    };
  }
}
