package dev.switchboard.testing;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A journal whose appends become durable only when the test says so: each append gets a stage
 * of its own, or (shared) every append until the next completion gets the same one, as a
 * journal committing a group at a time does. It may also refuse appends outright, as a journal
 * fenced by a newer writer does. Thread-safe; stages complete on the test's thread.
 */
public final class HandJournal implements Journal {

  private final boolean shared;
  private final List<JournalEntry> appended = new ArrayList<>();
  /** Stages not completed yet, oldest first; one per append, or the one shared stage. */
  private final List<CompletableFuture<Void>> open = new ArrayList<>();
  private RuntimeException refusal;

  private HandJournal(boolean shared) {
    this.shared = shared;
  }

  /** A journal giving each append a stage of its own. */
  public static HandJournal perEntry() {
    return new HandJournal(false);
  }

  /** A journal giving every append a shared stage, until that stage completes. */
  public static HandJournal groupShared() {
    return new HandJournal(true);
  }

  @Override
  public void recover(Recovery recovery) {}

  @Override
  public synchronized CompletionStage<Void> append(JournalEntry entry) {
    if (refusal != null) {
      throw refusal;
    }
    appended.add(entry);
    notifyAll();
    if (!shared || open.isEmpty()) {
      open.add(new CompletableFuture<>());
    }
    return open.get(open.size() - 1);
  }

  /** Entries appended so far. */
  public synchronized int appended() {
    return appended.size();
  }

  /** Waits up to ten seconds for the engine to have appended this many entries in all. */
  public synchronized void awaitAppended(int entries) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (appended.size() < entries) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("the engine appended " + appended.size() + " entries, not "
            + entries);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Stages not completed yet. */
  public synchronized int open() {
    return open.size();
  }

  /** Completes the open stage at the index (0: the oldest still open). */
  public void complete(int index) {
    CompletableFuture<Void> stage;
    synchronized (this) {
      stage = open.remove(index);
    }
    stage.complete(null);
  }

  /** Completes every open stage, the newest first, as a journal may. */
  public void completeAll() {
    for (CompletableFuture<Void> stage : takeNewestFirst()) {
      stage.complete(null);
    }
  }

  /** Fails every open stage with the failure, the newest first. */
  public void failAll(Throwable failure) {
    for (CompletableFuture<Void> stage : takeNewestFirst()) {
      stage.completeExceptionally(failure);
    }
  }

  /** From now on, append throws the exception instead of returning a stage. */
  public synchronized void refuseAppends(RuntimeException exception) {
    refusal = exception;
  }

  private synchronized List<CompletableFuture<Void>> takeNewestFirst() {
    List<CompletableFuture<Void>> taken = new ArrayList<>(open);
    open.clear();
    java.util.Collections.reverse(taken);
    return taken;
  }

  @Override
  public void close() {}
}
