package dev.switchboard.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A base for journals that write on one thread of their own with group commit: the engine loop
 * queues entries and snapshots, and the writer takes whatever has gathered, has {@link #write}
 * make it durable in one go, and then completes the stage all those entries share. This class
 * keeps the rules of {@link Journal}: sequences without gaps, the limits on entries and snapshots,
 * bounded memory (the loop waits for the writer once 32 MiB are unwritten), every stage failing
 * after the first failure, and {@link #close} writing what was queued. A store only opens itself
 * ({@link #open}), writes one group ({@link #write}), says what a failure means ({@link
 * #failureOf}) and lets go of itself ({@link #release}).
 *
 * <p>Threading: {@link #open} runs on the thread building the engine, {@link #write} on the
 * writer thread only, one group at a time; {@link #release} once, on the thread closing the
 * journal, after the writer stopped.
 *
 * @since 0.4
 */
public abstract class GroupCommitJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitJournal.class);
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
  /** The loop waits for the writer once this much is unwritten: memory stays bounded. */
  private static final long MAX_PENDING = 32 << 20;
  /** With a group-commit delay, the writer stops waiting once this much has gathered. */
  private static final long GROUP_TARGET = 1 << 20;

  private final String writerName;
  private final Durability durability;
  private final long groupCommitDelayNanos;
  private final int maxEntryBytes;
  private final int maxSnapshotBytes;

  private final Object lock = new Object();
  private List<JournalEntry> pending = new ArrayList<>();
  private long pendingBytes;
  private CompletableFuture<Void> pendingDone;
  private final List<JournalSnapshot> pendingSnapshots = new ArrayList<>();
  private long nextSequence;
  private Throwable failure;
  private JournalException failed;
  private boolean opened;
  private boolean closing;
  private Thread writer;

  /**
   * A journal whose writer thread has the name, which makes entries as durable as {@code
   * durability} says, waits up to {@code groupCommitDelayNanos} (0: none) for more entries to
   * share a write, and stores entries of at most {@code maxEntryBytes} and snapshots of at most
   * {@code maxSnapshotBytes}.
   */
  protected GroupCommitJournal(String writerName, Durability durability,
      long groupCommitDelayNanos, int maxEntryBytes, int maxSnapshotBytes) {
    this.writerName = Objects.requireNonNull(writerName, "writerName");
    this.durability = Objects.requireNonNull(durability, "durability");
    if (groupCommitDelayNanos < 0 || maxEntryBytes < 1 || maxSnapshotBytes < 1) {
      throw new IllegalArgumentException("groupCommitDelayNanos is " + groupCommitDelayNanos
          + ", maxEntryBytes " + maxEntryBytes + ", maxSnapshotBytes " + maxSnapshotBytes
          + "; allowed: a delay of 0 or more, limits of 1 or more");
    }
    this.groupCommitDelayNanos = groupCommitDelayNanos;
    this.maxEntryBytes = maxEntryBytes;
    this.maxSnapshotBytes = maxSnapshotBytes;
  }

  /**
   * Opens the store and hands the engine its newest snapshot and the entries after it, as {@link
   * Journal#recover} does; returns the sequence the next entry appended must have (1 for an
   * empty store). A store that cannot be opened lets go of what it took and throws.
   */
  protected abstract long open(Recovery recovery);

  /**
   * Makes one group durable, on the writer thread: the entries (in sequence order, possibly
   * none), then the snapshots, each taken after one of these entries or the last one of an
   * earlier group. Throwing stops the journal: the entries' stages, and every later one, fail
   * with {@link #failureOf} the exception.
   *
   * @throws Exception when the group is not durable
   */
  protected abstract void write(List<JournalEntry> entries, List<JournalSnapshot> snapshots)
      throws Exception;

  /**
   * What the stages report once the cause stopped the journal (a failed {@link #write}, or
   * {@link #fail}): a {@link JournalFencedException} when another writer took the store over.
   */
  protected abstract JournalException failureOf(Throwable cause);

  /**
   * Hears, once and on the thread that stopped the journal, the failure its stages report, after
   * they failed; nothing by default.
   */
  protected void failed(JournalException failure) {}

  /** Lets go of the store when the journal closes, once the writer has stopped. */
  protected abstract void release();

  @Override
  public final void recover(Recovery recovery) {
    synchronized (lock) {
      if (opened) {
        throw new IllegalStateException("this journal was already opened by an engine; build a"
            + " new one (on the same store) for each engine");
      }
      opened = true;
    }
    long next = open(recovery);
    synchronized (lock) {
      nextSequence = next;
      writer = new Thread(this::writeLoop, writerName);
    }
    writer.setDaemon(true);
    writer.start();
  }

  /** The sequence of the last entry appended or recovered; 0 before the first. */
  public final long position() {
    synchronized (lock) {
      return Math.max(0, nextSequence - 1);
    }
  }

  /** The cause that stopped this journal, or null while it works. */
  public final Throwable failure() {
    synchronized (lock) {
      return failure;
    }
  }

  @Override
  public final CompletionStage<Void> append(JournalEntry entry) {
    byte[] payload = entry.payload();
    synchronized (lock) {
      if (failure != null) {
        return failedEarlier();
      }
      if (writer == null || closing) {
        return CompletableFuture.failedStage(new JournalException(
            writer == null ? "the journal was not opened" : "the journal is closed"));
      }
      if (payload.length > maxEntryBytes) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " is " + payload.length + " bytes; at most " + maxEntryBytes + " fit an entry"));
      }
      if (entry.sequence() != nextSequence) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " appended where " + nextSequence + " was expected"));
      }
      while (!pending.isEmpty() && pendingBytes + payload.length > MAX_PENDING
          && failure == null) {
        awaitWriter();
      }
      if (failure != null) {
        return failedEarlier();
      }
      if (pending.isEmpty()) {
        lock.notifyAll();
      }
      pending.add(entry);
      pendingBytes += payload.length;
      nextSequence++;
      if (durability == Durability.ASYNC) {
        return DONE;
      }
      if (pendingDone == null) {
        pendingDone = new CompletableFuture<>();
      }
      return pendingDone;
    }
  }

  private void awaitWriter() {
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException("interrupted while waiting for the journal writer", e);
    }
  }

  private CompletionStage<Void> failedEarlier() {
    if (failure instanceof JournalFencedException fenced) {
      return CompletableFuture.failedStage(new JournalFencedException(fenced.getMessage(),
          fenced));
    }
    return CompletableFuture.failedStage(new JournalException(
        "the journal failed earlier and accepts nothing more: " + failure, failure));
  }

  /** Refuses a state larger than the journal stores; the entries are then kept. */
  @Override
  public final void snapshot(JournalSnapshot snapshot) {
    if (snapshot.state().length > maxSnapshotBytes) {
      throw new IllegalArgumentException("the snapshot after entry " + snapshot.sequence()
          + " is " + snapshot.state().length + " bytes; the journal stores at most "
          + maxSnapshotBytes + ", so it keeps the entries instead");
    }
    synchronized (lock) {
      if (failure == null && !closing && snapshot.sequence() == nextSequence - 1) {
        pendingSnapshots.add(snapshot);
        lock.notifyAll();
      }
    }
  }

  @Override
  public final int maxEntryBytes() {
    return maxEntryBytes;
  }

  private void writeLoop() {
    while (true) {
      List<JournalEntry> batch;
      List<JournalSnapshot> snapshots;
      CompletableFuture<Void> done;
      synchronized (lock) {
        while (pending.isEmpty() && pendingSnapshots.isEmpty() && !closing && failure == null) {
          awaitQuietly(0);
        }
        if (failure != null || (pending.isEmpty() && pendingSnapshots.isEmpty())) {
          return; // stopped, or closing with everything written
        }
        if (groupCommitDelayNanos > 0) {
          long end = System.nanoTime() + groupCommitDelayNanos;
          long left;
          while (!closing && pendingBytes < GROUP_TARGET && (left = end - System.nanoTime()) > 0) {
            awaitQuietly(left);
          }
        }
        batch = pending;
        pending = new ArrayList<>();
        pendingBytes = 0;
        snapshots = new ArrayList<>(pendingSnapshots);
        pendingSnapshots.clear();
        done = pendingDone;
        pendingDone = null;
        lock.notifyAll(); // a loop waiting for room may go on
      }
      try {
        write(batch, snapshots);
      } catch (Exception e) {
        stop(e, done);
        return;
      }
      if (done != null) {
        done.complete(null);
      }
    }
  }

  private void awaitQuietly(long nanos) {
    try {
      if (nanos == 0) {
        lock.wait();
      } else {
        TimeUnit.NANOSECONDS.timedWait(lock, nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  /**
   * Stops the journal from outside the writer (its cluster learned that another node leads the
   * store, say): every waiting and later append fails with {@link #failureOf} the cause. Does
   * nothing once the journal stopped.
   */
  protected final void fail(Throwable cause) {
    stop(Objects.requireNonNull(cause, "cause"), null);
  }

  /**
   * Stops the journal at once, as the death of its process would: what was written stays, the
   * stages still pending never complete, and every later append fails with the reason. For
   * tests that crash a host.
   */
  protected final void halt(JournalException reason) {
    synchronized (lock) {
      if (failure == null) {
        failure = reason;
        failed = reason;
      }
      pending = new ArrayList<>();
      pendingBytes = 0;
      pendingDone = null;
      lock.notifyAll();
    }
  }

  private void stop(Throwable cause, CompletableFuture<Void> done) {
    CompletableFuture<Void> waiting = null;
    JournalException first;
    synchronized (lock) {
      first = failed;
      if (first == null) {
        failure = cause;
        failed = failureOf(cause);
        waiting = pendingDone;
        pendingDone = null;
        pending = new ArrayList<>();
        pendingBytes = 0;
        lock.notifyAll();
      }
    }
    if (first != null) {
      // stopped already (fenced, say): a group in flight then fails for the same reason as
      // everything else, so its callers hear that reason (NOT_LEADER when fenced)
      LOG.debug("{}: a write failed after the journal stopped", writerName, cause);
      if (done != null) {
        done.completeExceptionally(first);
      }
      return;
    }
    JournalException stopped = failed;
    if (stopped instanceof JournalFencedException) {
      LOG.warn("{}; the engine stops", stopped.getMessage());
    } else {
      LOG.error("{}; it accepts nothing more and the engine stops", stopped.getMessage(), cause);
    }
    if (done != null) {
      done.completeExceptionally(stopped);
    }
    if (waiting != null) {
      waiting.completeExceptionally(stopped);
    }
    failed(stopped);
  }

  @Override
  public final void close() {
    Thread w;
    synchronized (lock) {
      if (closing && writer == null) {
        return;
      }
      closing = true;
      w = writer;
      lock.notifyAll();
    }
    if (w != null) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CompletableFuture<Void> waiting;
    synchronized (lock) {
      writer = null;
      waiting = pendingDone;
      pendingDone = null;
    }
    if (waiting != null) {
      waiting.completeExceptionally(new JournalException("the journal closed before writing"));
    }
    release();
  }
}
