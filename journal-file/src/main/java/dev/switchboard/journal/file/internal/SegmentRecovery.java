package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Journal.Recovery;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a journal directory on start: the newest snapshot, then every record after it, checking
 * each record's CRC and that sequence numbers run without gaps. A damaged end of the last
 * segment with nothing valid after it (a crash mid-write) is cut off with a warning; any other
 * damage stops start-up naming the file and offset, unless recovery up to it is allowed.
 */
final class SegmentRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

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
    TreeMap<Long, String> segments = new TreeMap<>();
    TreeMap<Long, String> snapshots = new TreeMap<>();
    for (String name : storage.list()) {
      long seg = Format.sequenceOf(name, "seg-", ".log");
      long snap = Format.sequenceOf(name, "snap-", ".snap");
      if (seg >= 0) {
        segments.put(seg, name);
      } else if (snap >= 0) {
        snapshots.put(snap, name);
      }
    }
    readSnapshot(snapshots, recovery);
    List<Long> firsts = new ArrayList<>(segments.keySet());
    int start = 0;
    while (start + 1 < firsts.size() && firsts.get(start + 1) <= expected) {
      storage.delete(segments.get(firsts.get(start))); // covered by the snapshot: a leftover
      start++;
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
    return new Result(expected, appendFirst);
  }

  private void readSnapshot(TreeMap<Long, String> snapshots, Recovery recovery)
      throws IOException {
    for (Map.Entry<Long, String> e : snapshots.descendingMap().entrySet()) {
      byte[] state = Format.snapshotState(storage.read(e.getValue()), e.getKey());
      if (state != null) {
        recovery.snapshot(new JournalSnapshot(e.getKey(), state));
        expected = e.getKey() + 1;
        return;
      }
      String what = "snapshot " + storage.describe(e.getValue())
          + " is damaged (bad header, length or CRC)";
      if (!allowCorruption) {
        throw new JournalException(what + "; start-up stopped. Repair or remove it, or allow"
            + " recovery up to the damage with recoverUpToCorruption(true)");
      }
      LOG.warn("{}; trying an older snapshot", what);
      storage.rename(e.getValue(), e.getValue() + ".discarded");
    }
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
      storage.rename(file, file + ".discarded");
    }
    return true;
  }
}
