package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Journal.Recovery;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal directory on start: the newest intact snapshot, then every record after it,
 * checking each record's CRC and that sequence numbers run without gaps. A snapshot whose file is
 * damaged (truncated, a bad header, length or CRC, unreadable) is logged and passed over for the
 * next older one, or for the log from entry 1 when no snapshot is left and nothing was trimmed;
 * the damaged files are then renamed {@code *.discarded}. The engine receives at most one
 * snapshot, the one chosen, before any entry. When no snapshot is intact and the log does not
 * start at entry 1, start-up stops whatever the options. A damaged end of the last segment with
 * nothing valid after it (a crash mid-write) is cut off with a warning; any other damage in the
 * log stops start-up naming the file and offset, unless recovery up to it is allowed.
 */
final class SegmentRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);
  /** Appended to the name of a file put aside: kept for inspection, never read again. */
  private static final String DISCARDED = ".discarded";

  /** Where appending resumes. */
  record Result(long nextSequence, long appendSegmentFirst) {}

  private final Storage storage;
  private final boolean allowCorruption;
  private long expected = 1;

  SegmentRecovery(Storage storage, boolean allowCorruption) {
    this.storage = storage;
    this.allowCorruption = allowCorruption;
  }

  Result run(Recovery recovery) throws IOException {
    List<String> names = storage.list();
    for (String name : names) {
      if (Format.isSnapshotTemporary(name)) {
        LOG.info("removing {}: a snapshot whose writing a crash interrupted; the snapshots"
            + " before it are used", storage.describe(name));
        storage.delete(name);
      }
    }
    TreeMap<Long, String> segments = Format.segments(names);
    TreeMap<Long, String> snapshots = Format.snapshots(names);
    Map<String, String> damaged = new LinkedHashMap<>();
    JournalSnapshot base = newestIntactSnapshot(snapshots, segments.containsKey(1L), damaged);
    if (base != null) {
      recovery.snapshot(base);
      expected = base.sequence() + 1;
    } else if (!segments.containsKey(1L) && !(segments.isEmpty() && snapshots.isEmpty())) {
      throw noIntactState(segments, damaged);
    }
    List<Long> firsts = new ArrayList<>(segments.keySet());
    int start = 0;
    while (start + 1 < firsts.size() && firsts.get(start + 1) <= expected) {
      start++; // covered by the snapshot; kept while an older snapshot may need it
    }
    long appendFirst = expected;
    for (int i = start; i < firsts.size(); i++) {
      long first = firsts.get(i);
      String name = segments.get(first);
      boolean last = i == firsts.size() - 1;
      if (first > expected) {
        corruption(name, 0, "entries " + expected + " to " + (first - 1)
            + " are missing: no segment holds them", firsts.subList(i, firsts.size()), segments);
        break; // allowed: this segment and later ones were put aside
      }
      appendFirst = first;
      if (!readSegment(name, first, last, recovery, firsts.subList(i + 1, firsts.size()),
          segments)) {
        break; // a torn tail cut off, or allowed damage with later segments put aside
      }
    }
    if (appendFirst > expected) {
      appendFirst = expected;
    }
    for (String name : damaged.keySet()) {
      // out of retention's count, so that it keeps the good snapshots and their segments
      storage.rename(name, name + DISCARDED);
    }
    return new Result(expected, appendFirst);
  }

  /**
   * The newest snapshot whose file is whole, or null; each newer one that is not is logged and
   * put in {@code damaged} (name to problem). Reads no further once one is whole.
   */
  private JournalSnapshot newestIntactSnapshot(TreeMap<Long, String> snapshots,
      boolean logFromStart, Map<String, String> damaged) {
    for (Map.Entry<Long, String> e : snapshots.descendingMap().entrySet()) {
      String name = e.getValue();
      byte[] file = null;
      String problem;
      try {
        file = storage.read(name);
        problem = Format.snapshotProblem(file, e.getKey());
      } catch (IOException ex) {
        problem = "it cannot be read: " + ex;
      }
      if (problem == null) {
        return new JournalSnapshot(e.getKey(), Format.snapshotState(file));
      }
      damaged.put(name, problem);
      Map.Entry<Long, String> older = snapshots.lowerEntry(e.getKey());
      LOG.warn("snapshot {} is damaged ({}); falling back to {}", storage.describe(name), problem,
          older != null ? "the older snapshot " + older.getValue() + " and the log after it"
              : logFromStart ? "the log from entry 1"
              : "nothing: there is no older snapshot and the log does not start at entry 1");
    }
    return null;
  }

  /** Start-up stops: neither a snapshot nor the log from entry 1 can start the engine. */
  private JournalException noIntactState(TreeMap<Long, String> segments,
      Map<String, String> damaged) {
    StringBuilder why = new StringBuilder("no intact state to recover from: ");
    if (damaged.isEmpty()) {
      why.append("there is no snapshot");
    } else {
      why.append("every snapshot is damaged (");
      damaged.forEach((name, problem) -> why.append(storage.describe(name)).append(": ")
          .append(problem).append("; "));
      why.setLength(why.length() - 2);
      why.append(')');
    }
    why.append(segments.isEmpty() ? " and there is no segment"
        : " and the log starts at entry " + segments.firstKey() + ", not 1");
    return new JournalException(why + ". Start-up stopped; recoverUpToCorruption does not apply,"
        + " as it would start an empty engine and drop that history. Restore a snapshot from a"
        + " backup, or move the directory away to start empty");
  }

  /**
   * Replays one segment; returns false when reading stopped early (a torn tail cut off, or
   * allowed damage), after which no later segment is read.
   */
  private boolean readSegment(String name, long first, boolean last, Recovery recovery,
      List<Long> later, TreeMap<Long, String> segments) throws IOException {
    byte[] data = storage.read(name);
    if (data.length < Format.SEGMENT_HEADER) {
      if (last) {
        LOG.warn("journal segment {} ends inside its header ({} bytes): a crash while it was"
            + " created; starting it again", storage.describe(name), data.length);
        storage.truncate(name, 0);
        return false;
      }
      if (corruption(name, 0, "the segment is shorter than its header", later, segments)) {
        storage.truncate(name, 0);
      }
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    if (b.getInt() != Format.SEGMENT_MAGIC || b.getInt() != Format.VERSION
        || b.getLong() != first) {
      if (corruption(name, 0, "the segment header is not a version " + Format.VERSION
          + " header for first entry " + first, later, segments)) {
        storage.truncate(name, 0);
      }
      return false;
    }
    int offset = Format.SEGMENT_HEADER;
    while (offset < data.length) {
      String problem = null;
      int length = 0;
      long sequence = 0;
      if (data.length - offset < Format.RECORD_HEADER) {
        problem = "the file ends inside a record header";
      } else {
        length = b.getInt(offset);
        int crc = b.getInt(offset + 4);
        sequence = b.getLong(offset + 8);
        if (length < 0 || length > Format.MAX_PAYLOAD) {
          problem = "a record claims " + length + " payload bytes";
        } else if ((long) offset + Format.RECORD_HEADER + length > data.length) {
          problem = "the file ends inside a record of " + length + " bytes";
        } else if (Format.crc(sequence, data, offset + Format.RECORD_HEADER, length) != crc) {
          problem = "a record's CRC does not match its content";
        } else if (sequence > expected) {
          problem = "record " + sequence + " follows record " + (expected - 1)
              + ": entries are missing";
        }
      }
      if (problem != null) {
        if (last && !validRecordAfter(data, offset + 1)) {
          LOG.warn("journal segment {} has a torn or damaged end at offset {} ({}); cutting it"
              + " off: entries up to {} are recovered", storage.describe(name), offset, problem,
              expected - 1);
          storage.truncate(name, offset);
          return false;
        }
        if (corruption(name, offset, problem, later, segments)) {
          storage.truncate(name, offset);
        }
        return false;
      }
      if (sequence == expected) {
        byte[] payload = new byte[length];
        System.arraycopy(data, offset + Format.RECORD_HEADER, payload, 0, length);
        recovery.entry(new JournalEntry(sequence, payload));
        expected++;
      } // else: an entry the snapshot already holds
      offset += Format.RECORD_HEADER + length;
    }
    return true;
  }

  /** True when a record with a correct CRC starts anywhere from the offset on. */
  private static boolean validRecordAfter(byte[] data, int from) {
    ByteBuffer b = ByteBuffer.wrap(data);
    for (int offset = from; offset + Format.RECORD_HEADER <= data.length; offset++) {
      int length = b.getInt(offset);
      if (length < 0 || length > Format.MAX_PAYLOAD
          || (long) offset + Format.RECORD_HEADER + length > data.length) {
        continue;
      }
      long sequence = b.getLong(offset + 8);
      if (sequence > 0 && Format.crc(sequence, data, offset + Format.RECORD_HEADER, length)
          == b.getInt(offset + 4)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Damage in the middle: throws naming the place, or, when allowed, puts the segments in
   * {@code aside} away and returns true (the caller cuts the damaged file at the offset).
   */
  private boolean corruption(String name, long offset, String problem, List<Long> aside,
      TreeMap<Long, String> segments) throws IOException {
    String where = "journal corrupt in " + storage.describe(name) + " at offset " + offset + ": "
        + problem;
    if (!allowCorruption) {
      throw new JournalException(where + ". Entries up to " + (expected - 1) + " are intact;"
          + " start-up stopped. Restore the file, or allow recovery up to this point with"
          + " recoverUpToCorruption(true)");
    }
    LOG.warn("{}; recovering the {} entries before it as allowed, and putting later segments"
        + " aside", where, expected - 1);
    for (long first : aside) {
      String file = segments.get(first);
      storage.rename(file, file + DISCARDED);
    }
    return true;
  }
}
