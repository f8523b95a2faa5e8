package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;
import dev.switchboard.testing.RandomTries;
import dev.switchboard.testing.TextScenario;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random text through the public engine and its journal ({@link TextScenario}): ids are accepted
 * exactly when the id rules say so, a refused call leaves the engine as it was, and whatever was
 * accepted comes back exactly after a restart, replayed from every entry and restored from a
 * snapshot plus the entries after it.
 */
class TextRecoveryTest {

  static final int TRIES = 200;
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void acceptedTextComesBackExactly_fromEveryEntry_andFromASnapshot() {
    AtomicInteger fromSnapshots = new AtomicInteger();
    RandomTries.check("engine text recovery", TRIES, 3_000, TextScenario::random, scenario -> {
      // no snapshots, then one every 1 to 4 entries
      for (int interval : new int[] {0, 1 + Math.floorMod(scenario.hashCode(), 4)}) {
        InMemoryJournal journal = Journals.inMemory(interval);
        ManualSwitchboard writer = engine(journal);
        Map<String, WorkItem> accepted = scenario.run(writer);
        if (interval > 0) {
          assertThat(journal.latestSnapshot().isPresent()
              || journal.entries().size() < interval).as("snapshots are taken").isTrue();
          if (journal.latestSnapshot().isPresent()) {
            fromSnapshots.incrementAndGet();
          }
        }
        ManualSwitchboard restarted = engine(new ForkedJournal(journal));
        TextScenario.assertRecovered(writer, restarted, accepted);
        writer.close();
        restarted.close();
      }
    });
    assertThat(fromSnapshots).as("restarts that restored a snapshot")
        .hasValueGreaterThan(TRIES / 2);
  }

  private static ManualSwitchboard engine(Journal journal) {
    return Switchboard.builder().clock(new ManualClock(T0)).journal(journal).buildManual();
  }
}
