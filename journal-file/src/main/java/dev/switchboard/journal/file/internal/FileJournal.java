package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file journal. The engine loop frames entries into a buffer; one writer thread
 * takes whatever has gathered, writes it to the current segment and forces it to disk (group
 * commit), then completes the stage all those entries share. Every snapshot is written beside
 * the ones before it, and {@link Retention} then keeps the newest few and the segments they need.
 * Recovery is done by {@link SegmentRecovery}. The format is in {@link Format}.
 */
public final class FileJournal implements Journal {

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);
  private static final int INITIAL_BUFFER = 64 << 10;
  /** The loop waits for the writer once this much is unwritten: memory stays bounded. */
  private static final int MAX_PENDING = 32 << 20;
  /** With a group-commit delay, the writer stops waiting once this much has gathered. */
  private static final int GROUP_TARGET = 1 << 20;

  private final Storage storage;
  private final Durability durability;
  private final long groupCommitDelayNanos;
  private final long segmentBytes;
  private final int snapshotInterval;
  private final int snapshotsKept;
  private final boolean recoverUpToCorruption;
  private final int maxPayload;
  private final int maxSnapshotState;

  private final Object lock = new Object();
  private ByteBuffer pending = ByteBuffer.allocate(INITIAL_BUFFER);
  private ByteBuffer spare = ByteBuffer.allocate(INITIAL_BUFFER);
  private CompletableFuture<Void> pendingDone;
  private JournalSnapshot pendingSnapshot;
  private int snapshotCut;
  private long nextSequence;
  private Throwable failure;
  private boolean opened;
  private boolean closing;
  private Thread writer;

  // owned by the writer thread once started
  private Storage.SegmentFile segment;
  private long segmentFirst;

  /**
   * A file journal on the storage, keeping the newest {@code snapshotsKept} snapshots (at least
   * 2); the public builder is {@code FileJournals.builder(...)}.
   */
  public FileJournal(Storage storage, Durability durability, long groupCommitDelayNanos,
      long segmentBytes, int snapshotInterval, int snapshotsKept,
      boolean recoverUpToCorruption) {
    this(storage, durability, groupCommitDelayNanos, segmentBytes, snapshotInterval,
        snapshotsKept, recoverUpToCorruption, Format.MAX_PAYLOAD, Format.MAX_SNAPSHOT_STATE);
  }

  /** As the public constructor, with lower limits on entries and snapshots (for tests). */
  FileJournal(Storage storage, Durability durability, long groupCommitDelayNanos,
      long segmentBytes, int snapshotInterval, int snapshotsKept, boolean recoverUpToCorruption,
      int maxPayload, int maxSnapshotState) {
    if (snapshotsKept < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + snapshotsKept
          + "; allowed: 2 or more");
    }
    this.maxPayload = Math.min(maxPayload, Format.MAX_PAYLOAD);
    this.maxSnapshotState = Math.min(maxSnapshotState, Format.MAX_SNAPSHOT_STATE);
    this.storage = storage;
    this.durability = durability;
    this.groupCommitDelayNanos = groupCommitDelayNanos;
    this.segmentBytes = segmentBytes;
    this.snapshotInterval = snapshotInterval;
    this.snapshotsKept = snapshotsKept;
    this.recoverUpToCorruption = recoverUpToCorruption;
  }

  @Override
  public void recover(Recovery recovery) {
    synchronized (lock) {
      if (opened) {
        throw new IllegalStateException("this journal was already opened by an engine; build a"
            + " new one (on the same directory) for each engine");
      }
      opened = true;
    }
    try {
      storage.lock();
      SegmentRecovery.Result result =
          new SegmentRecovery(storage, recoverUpToCorruption).run(recovery);
      Retention.apply(storage, snapshotsKept); // what a crash before the last clean-up left
      nextSequence = result.nextSequence();
      segmentFirst = result.appendSegmentFirst();
      segment = storage.openForAppend(Format.segmentName(segmentFirst));
      if (segment.size() == 0) {
        segment.append(Format.segmentHeader(segmentFirst));
        segment.force();
      }
    } catch (IOException e) {
      releaseQuietly();
      throw new JournalException("cannot open the journal: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      releaseQuietly();
      throw e;
    }
    writer = new Thread(this::writeLoop, "switchboard-journal");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public CompletionStage<Void> append(JournalEntry entry) {
    byte[] payload = entry.payload();
    int size = Format.RECORD_HEADER + payload.length;
    synchronized (lock) {
      if (failure != null) {
        return failed();
      }
      if (writer == null || closing) {
        return CompletableFuture.failedStage(new JournalException(
            writer == null ? "the journal was not opened" : "the journal is closed"));
      }
      if (payload.length > maxPayload) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " is " + payload.length + " bytes; at most " + maxPayload + " fit a record"));
      }
      if (entry.sequence() != nextSequence) {
        return CompletableFuture.failedStage(new JournalException("entry " + entry.sequence()
            + " appended where " + nextSequence + " was expected"));
      }
      while (pending.position() > 0 && pending.position() + size > MAX_PENDING
          && failure == null) {
        awaitWriter();
      }
      if (failure != null) {
        return failed();
      }
      if (pending.remaining() < size) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2,
            pending.position() + size));
        pending.flip();
        bigger.put(pending);
        pending = bigger;
      }
      boolean wasEmpty = pending.position() == 0;
      Format.putRecord(pending, entry.sequence(), payload);
      nextSequence++;
      if (wasEmpty) {
        lock.notifyAll();
      }
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

  private CompletionStage<Void> failed() {
    return CompletableFuture.failedStage(new JournalException(
        "the journal failed earlier and accepts nothing more: " + failure, failure));
  }

  /** Refuses a state larger than a snapshot file holds; the entries are then kept. */
  @Override
  public void snapshot(JournalSnapshot snapshot) {
    if (snapshot.state().length > maxSnapshotState) {
      throw new IllegalArgumentException("the snapshot after entry " + snapshot.sequence()
          + " is " + snapshot.state().length + " bytes; a snapshot file holds at most "
          + maxSnapshotState + ", so the journal keeps the entries instead");
    }
    synchronized (lock) {
      if (failure == null && !closing && snapshot.sequence() == nextSequence - 1) {
        pendingSnapshot = snapshot;
        snapshotCut = pending.position();
        lock.notifyAll();
      }
    }
  }

  @Override
  public int snapshotInterval() {
    return snapshotInterval;
  }

  /** The most a record's payload holds: 16 MiB. */
  @Override
  public int maxEntryBytes() {
    return maxPayload;
  }

  private void writeLoop() {
    while (true) {
      ByteBuffer batch;
      CompletableFuture<Void> done;
      JournalSnapshot snapshot;
      int cut;
      long lastSequence;
      synchronized (lock) {
        while (pending.position() == 0 && pendingSnapshot == null && !closing) {
          awaitQuietly(0);
        }
        if (pending.position() == 0 && pendingSnapshot == null) {
          return; // closing, and everything is written
        }
        if (groupCommitDelayNanos > 0) {
          long end = System.nanoTime() + groupCommitDelayNanos;
          long left;
          while (!closing && pending.position() < GROUP_TARGET
              && (left = end - System.nanoTime()) > 0) {
            awaitQuietly(left);
          }
        }
        batch = pending;
        pending = spare != null ? spare : ByteBuffer.allocate(INITIAL_BUFFER);
        spare = null;
        done = pendingDone;
        pendingDone = null;
        snapshot = pendingSnapshot;
        pendingSnapshot = null;
        cut = snapshotCut;
        lastSequence = nextSequence - 1;
        lock.notifyAll(); // a loop waiting for room may go on
      }
      try {
        batch.flip();
        if (snapshot != null) {
          ByteBuffer head = batch.duplicate();
          head.limit(cut);
          segment.append(head);
          batch.position(cut);
          segment.force();
          roll(snapshot.sequence() + 1);
          writeSnapshot(snapshot);
        }
        if (batch.hasRemaining()) {
          segment.append(batch);
          segment.force();
        }
        if (segment.size() >= segmentBytes) {
          roll(lastSequence + 1);
        }
      } catch (IOException | RuntimeException e) {
        fail(e, done);
        return;
      }
      if (done != null) {
        done.complete(null);
      }
      batch.clear();
      synchronized (lock) {
        if (batch.capacity() <= MAX_PENDING) {
          spare = batch;
        }
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

  private void fail(Throwable e, CompletableFuture<Void> done) {
    LOG.error("the journal could not write to {}; it accepts nothing more and the engine stops",
        storage.describe(Format.segmentName(segmentFirst)), e);
    CompletableFuture<Void> waiting;
    synchronized (lock) {
      failure = e;
      waiting = pendingDone;
      pendingDone = null;
      lock.notifyAll();
    }
    JournalException failed = new JournalException("the journal could not write to "
        + storage.describe(Format.segmentName(segmentFirst)) + ": " + e, e);
    if (done != null) {
      done.completeExceptionally(failed);
    }
    if (waiting != null) {
      waiting.completeExceptionally(failed);
    }
  }

  /** Starts a new segment whose first entry will be {@code first}. */
  private void roll(long first) throws IOException {
    if (first == segmentFirst) {
      return;
    }
    segment.force();
    segment.close();
    segmentFirst = first;
    segment = storage.openForAppend(Format.segmentName(first));
    if (segment.size() == 0) {
      segment.append(Format.segmentHeader(first));
    }
    segment.force();
  }

  /**
   * Writes the snapshot durably under its own name, then deletes the snapshots and segments that
   * retention no longer keeps.
   */
  private void writeSnapshot(JournalSnapshot snapshot) throws IOException {
    String name = Format.snapshotName(snapshot.sequence());
    storage.writeAtomically(name, Format.snapshotFile(snapshot.sequence(), snapshot.state()));
    Retention.apply(storage, snapshotsKept);
  }

  @Override
  public void close() {
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
    releaseQuietly();
  }

  private void releaseQuietly() {
    try {
      if (segment != null) {
        segment.close();
        segment = null;
      }
    } catch (IOException e) {
      LOG.warn("closing the journal segment failed", e);
    }
    try {
      storage.unlock();
    } catch (IOException e) {
      LOG.warn("releasing the journal directory failed", e);
    }
  }
}
