package dev.switchboard.journal.file.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the journal directory keeps: the newest {@code kept} snapshots, and every segment needed
 * to replay the log from the oldest of them. While fewer snapshots than that exist, no segment
 * is deleted, so the log from entry 1 stands in for the snapshots still missing. Any kept
 * snapshot can therefore be damaged and recovery still reach the newest state through an older
 * one (or the log) plus the segments after it.
 */
final class Retention {

  private Retention() {}

  /**
   * Deletes the snapshots older than the newest {@code kept}, then the segments the oldest kept
   * snapshot makes unnecessary. Snapshots go first: a crash in between leaves a kept snapshot
   * with all its segments, never a snapshot without them.
   */
  static void apply(Storage storage, int kept) throws IOException {
    List<String> names = storage.list();
    TreeMap<Long, String> snapshots = Format.snapshots(names);
    if (snapshots.size() < kept) {
      return;
    }
    while (snapshots.size() > kept) {
      storage.delete(snapshots.pollFirstEntry().getValue());
    }
    long oldest = snapshots.firstKey();
    List<Long> firsts = new ArrayList<>(Format.segments(names).keySet());
    for (int i = 0; i + 1 < firsts.size() && firsts.get(i + 1) <= oldest + 1; i++) {
      // the next segment starts at or before the first entry after the oldest kept snapshot
      storage.delete(Format.segmentName(firsts.get(i)));
    }
  }
}
