package dev.switchboard.journal.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.file.FileJournals;
import dev.switchboard.testing.RandomTries;
import dev.switchboard.testing.TextScenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes and random text through the file journal: every payload and snapshot state comes
 * back byte for byte after the journal is closed and opened again, across segment rolls; and an
 * engine on the file journal recovers exactly the text it accepted ({@link TextScenario}).
 */
class FileJournalPropertiesTest {

  static final int BYTES_TRIES = 200;
  static final int TEXT_TRIES = 100;
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @TempDir
  Path dir;

  private final AtomicInteger run = new AtomicInteger();

  /** Payloads to append, and where to take a snapshot of which state (-1 for none). */
  record Writes(List<byte[]> payloads, int snapshotAfter, byte[] state, int segmentBytes) {

    static Writes random(Random r) {
      List<byte[]> payloads = new ArrayList<>();
      int n = r.nextInt(40);
      for (int i = 0; i < n; i++) {
        payloads.add(bytes(r));
      }
      return new Writes(payloads, n == 0 || r.nextBoolean() ? -1 : r.nextInt(n), bytes(r),
          4096 + r.nextInt(1 << 16));
    }

    private static byte[] bytes(Random r) {
      int roll = r.nextInt(100);
      int size = roll < 10 ? 0 : roll < 90 ? r.nextInt(300) : roll < 99 ? r.nextInt(1 << 16)
          : r.nextInt(1 << 20);
      byte[] b = new byte[size];
      r.nextBytes(b);
      return b;
    }

    @Override
    public String toString() {
      return payloads.size() + " payloads of " + payloads.stream().map(p -> p.length).toList()
          + " bytes, snapshot after " + snapshotAfter + " of " + state.length + " bytes, "
          + segmentBytes + "-byte segments";
    }
  }

  @Test
  void payloadsAndSnapshotStates_comeBackByteForByte() {
    RandomTries.check("file journal bytes", BYTES_TRIES, 4_000, Writes::random, w -> {
      Path at = dir.resolve("bytes-" + run.incrementAndGet());
      Journal writer = new FileJournal(new FileStorage(at), Durability.ASYNC, 0,
          w.segmentBytes(), 0, 2, false);
      writer.recover(new Collected());
      for (int i = 0; i < w.payloads().size(); i++) {
        writer.append(new JournalEntry(i + 1, w.payloads().get(i)));
        if (i == w.snapshotAfter()) {
          writer.snapshot(new JournalSnapshot(i + 1, w.state()));
        }
      }
      writer.close();

      Collected back = new Collected();
      Journal reader = FileJournals.builder(at).build();
      reader.recover(back);
      reader.close();
      int from = 0;
      if (w.snapshotAfter() >= 0) {
        assertThat(back.snapshot).isNotNull();
        assertThat(back.snapshot.sequence()).isEqualTo(w.snapshotAfter() + 1);
        assertThat(back.snapshot.state()).isEqualTo(w.state());
        from = w.snapshotAfter() + 1;
      } else {
        assertThat(back.snapshot).isNull();
      }
      assertThat(back.entries).hasSize(w.payloads().size() - from);
      for (int i = from; i < w.payloads().size(); i++) {
        JournalEntry e = back.entries.get(i - from);
        assertThat(e.sequence()).isEqualTo(i + 1);
        assertThat(e.payload()).isEqualTo(w.payloads().get(i));
      }
    });
  }

  @Test
  void anEngineOnTheFileJournal_recoversExactlyTheTextItAccepted() {
    RandomTries.check("file journal text recovery", TEXT_TRIES, 5_000, r ->
        Map.entry(TextScenario.random(r), r.nextInt(5)), input -> {
          Path at = dir.resolve("text-" + run.incrementAndGet());
          ManualSwitchboard writer = engine(FileJournals.builder(at).durability(Durability.ASYNC)
              .segmentBytes(4096).snapshotInterval(input.getValue()).build());
          Map<String, WorkItem> accepted = input.getKey().run(writer);
          writer.close(); // its state stays readable for the comparison
          try (ManualSwitchboard restarted = engine(FileJournals.builder(at).build())) {
            TextScenario.assertRecovered(writer, restarted, accepted);
          }
        });
  }

  private static ManualSwitchboard engine(Journal journal) {
    return Switchboard.builder().clock(new ManualClock(T0)).journal(journal).buildManual();
  }

  /** What a journal hands over on recovery. */
  private static final class Collected implements Journal.Recovery {
    JournalSnapshot snapshot;
    final List<JournalEntry> entries = new ArrayList<>();

    @Override
    public void snapshot(JournalSnapshot s) {
      snapshot = s;
    }

    @Override
    public void entry(JournalEntry entry) {
      entries.add(entry);
    }
  }
}
