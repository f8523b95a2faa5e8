package dev.switchboard.journal.file.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The file journal's on-disk layout, in one place (described in docs/durability.md). All numbers
 * are big-endian.
 *
 * <pre>
 * segment  seg-{first sequence, 20 digits}.log
 *   header  magic "SWJS" (4) | version (4) | first sequence (8)
 *   record  payload length (4) | CRC32C of sequence and payload (4) | sequence (8) | payload
 * snapshot snap-{sequence, 20 digits}.snap
 *           magic "SWJN" (4) | version (4) | sequence (8) | length (4) | CRC32C of state (4) | state
 *          written first as snap-{sequence}.snap.tmp, then renamed
 * </pre>
 */
final class Format {

  static final int SEGMENT_MAGIC = 0x53574A53; // SWJS
  static final int SNAPSHOT_MAGIC = 0x53574A4E; // SWJN
  static final int VERSION = 1;
  static final int SEGMENT_HEADER = 16;
  static final int RECORD_HEADER = 16;
  static final int SNAPSHOT_HEADER = 24;
  /** Larger payloads are refused on write and taken for corruption on read. */
  static final int MAX_PAYLOAD = 16 << 20;
  /** The largest snapshot state a file holds: a Java array's limit, less the header. */
  static final int MAX_SNAPSHOT_STATE = Integer.MAX_VALUE - 8 - SNAPSHOT_HEADER;

  /** What a snapshot is written to before it is renamed into place. */
  static final String TEMPORARY_SUFFIX = ".tmp";

  private Format() {}

  static String segmentName(long firstSequence) {
    return String.format("seg-%020d.log", firstSequence);
  }

  static String snapshotName(long sequence) {
    return String.format("snap-%020d.snap", sequence);
  }

  /** The segment files among the names, by the sequence of their first entry. */
  static TreeMap<Long, String> segments(List<String> names) {
    return numbered(names, "seg-", ".log");
  }

  /** The snapshot files among the names, by the sequence they were taken after. */
  static TreeMap<Long, String> snapshots(List<String> names) {
    return numbered(names, "snap-", ".snap");
  }

  /** True for a snapshot's temporary file: one a crash left while the snapshot was written. */
  static boolean isSnapshotTemporary(String name) {
    return sequenceOf(name, "snap-", ".snap" + TEMPORARY_SUFFIX) >= 0;
  }

  private static TreeMap<Long, String> numbered(List<String> names, String prefix,
      String suffix) {
    TreeMap<Long, String> files = new TreeMap<>();
    for (String name : names) {
      long sequence = sequenceOf(name, prefix, suffix);
      if (sequence >= 0) {
        files.put(sequence, name);
      }
    }
    return files;
  }

  /** The sequence in a segment or snapshot file name, or -1 if the name is not one. */
  static long sequenceOf(String name, String prefix, String suffix) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)
        || name.length() != prefix.length() + 20 + suffix.length()) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(prefix.length(), prefix.length() + 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static ByteBuffer segmentHeader(long firstSequence) {
    ByteBuffer b = ByteBuffer.allocate(SEGMENT_HEADER);
    b.putInt(SEGMENT_MAGIC).putInt(VERSION).putLong(firstSequence).flip();
    return b;
  }

  /** Appends one framed record to the buffer, which must have room. */
  static void putRecord(ByteBuffer into, long sequence, byte[] payload) {
    into.putInt(payload.length);
    into.putInt(crc(sequence, payload, 0, payload.length));
    into.putLong(sequence);
    into.put(payload);
  }

  static int crc(long sequence, byte[] payload, int offset, int length) {
    CRC32C crc = new CRC32C();
    ByteBuffer seq = ByteBuffer.allocate(8).putLong(0, sequence);
    crc.update(seq);
    crc.update(payload, offset, length);
    return (int) crc.getValue();
  }

  static byte[] snapshotFile(long sequence, byte[] state) {
    CRC32C crc = new CRC32C();
    crc.update(state);
    ByteBuffer b = ByteBuffer.allocate(SNAPSHOT_HEADER + state.length);
    b.putInt(SNAPSHOT_MAGIC).putInt(VERSION).putLong(sequence).putInt(state.length)
        .putInt((int) crc.getValue()).put(state);
    return b.array();
  }

  /**
   * Why the content of the snapshot file for the sequence cannot be used, or null when its
   * header, length and CRC are all as written.
   */
  static String snapshotProblem(byte[] file, long expectedSequence) {
    if (file.length < SNAPSHOT_HEADER) {
      return "truncated: " + file.length + " bytes, shorter than the " + SNAPSHOT_HEADER
          + "-byte header";
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    int magic = b.getInt();
    if (magic != SNAPSHOT_MAGIC) {
      return String.format("not a snapshot header: magic 0x%08x", magic);
    }
    int version = b.getInt();
    if (version != VERSION) {
      return "format version " + version + " where " + VERSION + " was expected";
    }
    long sequence = b.getLong();
    if (sequence != expectedSequence) {
      return "its header names entry " + sequence + ", its file name entry " + expectedSequence;
    }
    int length = b.getInt();
    int sum = b.getInt();
    int held = file.length - SNAPSHOT_HEADER;
    if (length != held) {
      return "the header announces " + length + " state bytes and the file holds " + held
          + (length > held ? " (truncated)" : "");
    }
    CRC32C crc = new CRC32C();
    crc.update(file, SNAPSHOT_HEADER, length);
    if ((int) crc.getValue() != sum) {
      return "the state's CRC32C does not match its content";
    }
    return null;
  }

  /** The state in a snapshot file that {@link #snapshotProblem} found nothing wrong with. */
  static byte[] snapshotState(byte[] file) {
    return Arrays.copyOfRange(file, SNAPSHOT_HEADER, file.length);
  }
}
