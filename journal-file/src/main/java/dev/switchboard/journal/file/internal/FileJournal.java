package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.GroupCommitJournal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file journal. The engine loop queues entries; one writer thread takes whatever
 * has gathered, frames it into records, writes them to the current segment and forces it to disk
 * (group commit), then completes the stage all those entries share. Every snapshot is written
 * beside the ones before it, and {@link Retention} then keeps the newest few and the segments
 * they need. Recovery is done by {@link SegmentRecovery}. The format is in {@link Format}.
 */
public final class FileJournal extends GroupCommitJournal {

  private static final Logger LOG = LoggerFactory.getLogger(FileJournal.class);
  private static final int INITIAL_BUFFER = 64 << 10;
  /** A framing buffer grown past this is not kept for the next group. */
  private static final int MAX_KEPT_BUFFER = 32 << 20;

  private final Storage storage;
  private final long segmentBytes;
  private final int snapshotInterval;
  private final int snapshotsKept;
  private final boolean recoverUpToCorruption;

  // owned by the writer thread once started
  private ByteBuffer frames = ByteBuffer.allocate(INITIAL_BUFFER);
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
    super("switchboard-journal", durability, groupCommitDelayNanos,
        Math.min(maxPayload, Format.MAX_PAYLOAD),
        Math.min(maxSnapshotState, Format.MAX_SNAPSHOT_STATE));
    if (snapshotsKept < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + snapshotsKept
          + "; allowed: 2 or more");
    }
    this.storage = storage;
    this.segmentBytes = segmentBytes;
    this.snapshotInterval = snapshotInterval;
    this.snapshotsKept = snapshotsKept;
    this.recoverUpToCorruption = recoverUpToCorruption;
  }

  @Override
  protected long open(Recovery recovery) {
    try {
      storage.lock();
      SegmentRecovery.Result result =
          new SegmentRecovery(storage, recoverUpToCorruption).run(recovery);
      Retention.apply(storage, snapshotsKept); // what a crash before the last clean-up left
      segmentFirst = result.appendSegmentFirst();
      segment = storage.openForAppend(Format.segmentName(segmentFirst));
      if (segment.size() == 0) {
        segment.append(Format.segmentHeader(segmentFirst));
        segment.force();
      }
      return result.nextSequence();
    } catch (IOException e) {
      releaseQuietly();
      throw new JournalException("cannot open the journal: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      releaseQuietly();
      throw e;
    }
  }

  @Override
  public int snapshotInterval() {
    return snapshotInterval;
  }

  /**
   * Writes the group's records to the current segment and forces them; with a snapshot (the
   * newest of the group), first the records it covers, then a new segment and the snapshot.
   */
  @Override
  protected void write(List<JournalEntry> entries, List<JournalSnapshot> snapshots)
      throws IOException {
    JournalSnapshot snapshot = snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
    ByteBuffer records = frame(entries, snapshot == null ? 0 : snapshot.sequence());
    if (snapshot != null) {
      segment.append(records.duplicate().flip());
      segment.force();
      roll(snapshot.sequence() + 1);
      writeSnapshot(snapshot);
    }
    if (records.hasRemaining()) {
      segment.append(records);
      segment.force();
    }
    long last = entries.isEmpty() ? snapshot.sequence()
        : entries.get(entries.size() - 1).sequence();
    if (segment.size() >= segmentBytes) {
      roll(last + 1);
    }
  }

  /**
   * The entries as records, in a buffer whose limit is after the last and whose position is
   * after the last entry up to {@code covered} (0 when there is none).
   */
  private ByteBuffer frame(List<JournalEntry> entries, long covered) {
    int size = 0;
    for (JournalEntry e : entries) {
      size += Format.RECORD_HEADER + e.payload().length;
    }
    if (frames.capacity() < size || frames.capacity() > MAX_KEPT_BUFFER) {
      frames = ByteBuffer.allocate(Math.max(INITIAL_BUFFER, size));
    }
    frames.clear();
    int cut = 0;
    for (JournalEntry e : entries) {
      Format.putRecord(frames, e.sequence(), e.payload());
      if (e.sequence() <= covered) {
        cut = frames.position();
      }
    }
    return frames.flip().position(cut);
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

  /** Why the stages fail: the segment could not be written. */
  @Override
  protected JournalException failureOf(Throwable e) {
    return new JournalException("the journal could not write to "
        + storage.describe(Format.segmentName(segmentFirst)) + ": " + e, e);
  }

  @Override
  protected void release() {
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
