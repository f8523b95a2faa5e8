package dev.switchboard.journal.kafka.internal;

import dev.switchboard.journal.JournalSnapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A snapshot as records of the compacted snapshot topic, and back. A state is cut into chunks of
 * at most {@link #CHUNK} bytes, written in the same transaction; the key of a chunk is its index
 * (4 bytes), so that compaction keeps, per index, the newest snapshot's chunk and lets older
 * ones go. Every chunk carries a header {@value #HEADER} of 36 bytes: the snapshot's id (8,
 * random), its sequence (8), the journal offset of the entry with that sequence (8; -1 when
 * none is in the log), the chunk count (4), the length of the state (4) and its CRC32C (4).
 * Reading keeps the newest snapshot whose chunks are all there and whose CRC matches.
 */
final class SnapshotRecords {

  /** The most bytes of state one record holds: well under Kafka's default 1 MiB message. */
  static final int CHUNK = 512 << 10;
  static final String HEADER = "switchboard.snapshot";
  private static final int HEADER_BYTES = 36;

  private SnapshotRecords() {}

  /** A snapshot with the journal offset of the last entry it covers. */
  record Located(JournalSnapshot snapshot, long offset) {}

  /** One record of a snapshot: its key, header and value. */
  record Chunk(byte[] key, byte[] header, byte[] value) {}

  /** The records that store the snapshot, in order. */
  static List<Chunk> chunks(long id, JournalSnapshot snapshot, long offset) {
    byte[] state = snapshot.state();
    int count = Math.max(1, (state.length + CHUNK - 1) / CHUNK);
    int crc = crc(state);
    List<Chunk> chunks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] header = ByteBuffer.allocate(HEADER_BYTES).putLong(id).putLong(snapshot.sequence())
          .putLong(offset).putInt(count).putInt(state.length).putInt(crc).array();
      byte[] value = Arrays.copyOfRange(state, i * CHUNK, Math.min(state.length,
          (i + 1) * CHUNK));
      chunks.add(new Chunk(ByteBuffer.allocate(4).putInt(i).array(), header, value));
    }
    return chunks;
  }

  static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /**
   * Collects the snapshot topic's records in log order and says which snapshot is the newest
   * intact one; records it cannot read (a foreign writer's) are counted and skipped.
   */
  static final class Reader {
    private final Map<Long, Partial> partials = new HashMap<>();
    private Located newest;
    private final List<Long> damaged = new ArrayList<>();

    /** Takes the next record of the topic. */
    void add(byte[] key, byte[] header, byte[] value) {
      if (key == null || key.length != 4 || header == null || header.length != HEADER_BYTES
          || value == null) {
        return;
      }
      ByteBuffer h = ByteBuffer.wrap(header);
      long id = h.getLong();
      long sequence = h.getLong();
      long offset = h.getLong();
      int count = h.getInt();
      int length = h.getInt();
      int crc = h.getInt();
      int index = ByteBuffer.wrap(key).getInt();
      if (count < 1 || index < 0 || index >= count || sequence < 0 || length < 0) {
        return;
      }
      Partial p = partials.computeIfAbsent(id, k -> new Partial(sequence, offset, count, length,
          crc));
      p.chunks[index] = value;
      if (p.complete()) {
        partials.remove(id);
        byte[] state = p.state();
        if (state != null && crc(state) == p.crc) {
          newest = new Located(new JournalSnapshot(p.sequence, state), p.offset);
        } else {
          damaged.add(p.sequence);
        }
      }
    }

    /** The newest intact snapshot read, or null. */
    Located newest() {
      return newest;
    }

    /** The sequences of snapshots whose state did not match its CRC. */
    List<Long> damaged() {
      return List.copyOf(damaged);
    }
  }

  /** The chunks of one snapshot read so far. */
  private static final class Partial {
    final long sequence;
    final long offset;
    final int length;
    final int crc;
    final byte[][] chunks;

    Partial(long sequence, long offset, int count, int length, int crc) {
      this.sequence = sequence;
      this.offset = offset;
      this.length = length;
      this.crc = crc;
      this.chunks = new byte[count][];
    }

    boolean complete() {
      for (byte[] c : chunks) {
        if (c == null) {
          return false;
        }
      }
      return true;
    }

    /** The chunks put together, or null when their lengths do not add up. */
    byte[] state() {
      long total = 0;
      for (byte[] c : chunks) {
        total += c.length;
      }
      if (total != length) {
        return null;
      }
      byte[] state = new byte[length];
      int at = 0;
      for (byte[] c : chunks) {
        System.arraycopy(c, 0, state, at, c.length);
        at += c.length;
      }
      return state;
    }
  }
}
