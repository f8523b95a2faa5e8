package dev.switchboard.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.internal.image.StateImage;
import dev.switchboard.testing.RandomWorkload;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journals;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * For seeded random command sequences, an engine rebuilt from the journal (from the start, or
 * from a snapshot plus the entries after it) holds exactly the state of the engine that wrote it:
 * every agent, item, conversation, finished id, counter, pending timer and the campaign blender's
 * campaigns, share meters and campaign items. It then also decides
 * exactly as the writer does for the commands that follow, which checks the rebuilt indexes.
 */
class ReplayEquivalenceTest {

  private static final int SEEDS = 40;
  private static final int COMMANDS = 160;

  @Test
  void rebuiltFromEveryEntry_equalsTheWriter() {
    for (long seed = 0; seed < SEEDS; seed++) {
      check(seed, Journals.inMemory());
    }
  }

  @Test
  void rebuiltFromASnapshotAndLaterEntries_equalsTheWriter() {
    int owners = 0;
    int handleTimes = 0;
    int tracked = 0;
    int clocks = 0;
    int attainment = 0;
    int campaignItems = 0;
    int meters = 0;
    int contactsLeft = 0;
    int held = 0;
    int zoned = 0;
    for (long seed = 0; seed < SEEDS; seed++) {
      StateImage last = check(seed, Journals.inMemory(1 + (int) (seed % 23)));
      owners += (int) last.affinity().store().customers().stream()
          .filter(c -> c.relationships().owner().isPresent()).count();
      handleTimes += last.affinity().handleTimes().size();
      tracked += (int) last.items().stream().filter(i -> i.affinity() != null).count();
      clocks += (int) last.items().stream().filter(i -> i.sla() != null).count();
      attainment += last.sla().byQueue().size();
      campaignItems += last.campaigns().items().size();
      meters += last.campaigns().meters().size();
      contactsLeft += last.campaigns().campaigns().stream().mapToInt(c -> c.pending().size())
          .sum();
      held += (int) last.items().stream()
          .filter(i -> i.state() == dev.switchboard.ItemState.HELD).count();
      zoned += (int) last.campaigns().campaigns().stream()
          .filter(c -> c.campaign().calendar().isPresent())
          .flatMap(c -> c.pending().stream()).filter(k -> k.zone().isPresent()).count();
    }
    // the workload must reach the state the snapshot has to carry, or this test proves little
    assertThat(owners).as("customers with an owner at the end of the seeds").isGreaterThan(SEEDS);
    assertThat(handleTimes).as("agents' learned handle times").isGreaterThan(SEEDS);
    assertThat(tracked).as("live items with affinity bookkeeping").isGreaterThan(SEEDS / 2);
    assertThat(clocks).as("live items with SLA clocks").isGreaterThan(SEEDS);
    assertThat(attainment).as("queues with SLA attainment counted").isGreaterThan(SEEDS);
    assertThat(campaignItems).as("live campaign items").isGreaterThan(SEEDS / 20);
    assertThat(meters).as("agents' campaign share meters").isGreaterThan(SEEDS);
    assertThat(contactsLeft).as("campaign contacts still pending").isGreaterThan(SEEDS);
    assertThat(held).as("items held outside their queue's hours").isGreaterThan(SEEDS / 10);
    assertThat(zoned).as("zoned contacts of campaigns with hours").isGreaterThan(SEEDS / 10);
  }

  /**
   * A snapshot is taken when a command's entry is appended, before the loop fires the timers the
   * command made due at its own reading (here an SLA deadline already past at submission); the
   * restore must fire them too, or they would fire later, at another reading.
   */
  @Test
  void snapshotAfterACommandThatMadeATimerDue_restoresWithThatTimerFired() {
    InMemoryJournal journal = Journals.inMemory(1);
    dev.switchboard.ManualClock clock = new dev.switchboard.ManualClock(RandomWorkload.START);
    var config = dev.switchboard.TestSwitchboards.config(
        dev.switchboard.Switchboard.builder().clock(clock));
    var writer = new dev.switchboard.internal.loop.ManualEngine(config,
        dev.switchboard.internal.index.IndexedMatcher::new, journal);
    writer.submit(dev.switchboard.WorkItem.builder("late", dev.switchboard.Channel.EMAIL)
        .customer("c").createdAt(RandomWorkload.START.minusSeconds(60))
        .slaTarget(java.time.Duration.ofSeconds(30)).build());
    writer.drain();
    assertThat(writer.engine().nextDeadline()).as("the SLA timer fired").isEqualTo(Long.MAX_VALUE);
    var restarted = new dev.switchboard.internal.loop.ManualEngine(config,
        dev.switchboard.internal.index.IndexedMatcher::new, new ForkedJournal(journal));
    assertThat(journal.entries()).as("restored from the snapshot alone").isEmpty();
    assertThat(restarted.engine().exportState()).isEqualTo(writer.engine().exportState());
  }

  /** Runs the seed, restarting and comparing every 40 commands; returns the writer's end state. */
  private static StateImage check(long seed, InMemoryJournal journal) {
    RandomWorkload writer = new RandomWorkload(seed, journal, RandomWorkload.START);
    for (int i = 0; i < COMMANDS; i++) {
      writer.step();
      if (i % 40 == 39) {
        restartAndCompare(seed, i, writer, journal);
      }
    }
    return writer.routing().exportState();
  }

  private static void restartAndCompare(long seed, int at, RandomWorkload writer,
      InMemoryJournal journal) {
    RandomWorkload restarted = new RandomWorkload(seed, new ForkedJournal(journal),
        writer.now());
    String where = "seed " + seed + " after command " + at + " (snapshot at "
        + journal.latestSnapshot().map(s -> s.sequence()).orElse(0L) + ", "
        + journal.entries().size() + " entries after it)";
    assertThat(restarted.comparableState())
        .as(where).isEqualTo(writer.comparableState());
    assertThat(restarted.routing().now()).as(where).isLessThanOrEqualTo(writer.routing().now());
    assertThat(restarted.events).as("replay delivers no events to listeners").isEmpty();
    // the same commands from here on must make the same decisions
    writer.mirror = restarted;
    int before = writer.events.size();
    for (int i = 0; i < 30; i++) {
      writer.step();
    }
    writer.mirror = null;
    List<?> expected = writer.events.subList(before, writer.events.size());
    assertThat(restarted.events).as(where + ": events after the restart").isEqualTo(expected);
    assertThat(restarted.comparableState())
        .as(where + ": state after 30 more commands")
        .isEqualTo(writer.comparableState());
  }
}
