package dev.switchboard.journal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ItemState;
import dev.switchboard.Switchboard;
import dev.switchboard.testing.ChildJvm;
import dev.switchboard.testing.RecoveredState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real host process (a child JVM running {@link CrashChild}) with SIGKILL at seeded
 * random points, many times over one journal directory, and after each kill checks that the
 * journal holds every item whose submit had completed, exactly once, that every item whose
 * complete had completed is finished, and that everything live is in a state it may be in.
 *
 * <p>20 kills in the normal run; {@code -Dswitchboard.crash.routingRuns=80} (or any number) for
 * the long run, part of the crash campaign in docs/durability.md.
 */
class CrashRecoveryTest {

  private static final long SEED = 20261123L;
  private static final int RUNS = Integer.getInteger("switchboard.crash.routingRuns", 20);

  @TempDir
  Path dir;

  @Test
  void sigkillAtRandomPoints_losesNoCallThatCompleted() throws Exception {
    Random random = new Random(SEED);
    Set<String> submitted = new LinkedHashSet<>();
    Set<String> completed = new LinkedHashSet<>();
    Path journal = dir.resolve("journal");
    for (int run = 0; run < RUNS; run++) {
      int killAfter = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300);
      Path log = dir.resolve("child-" + run + ".log");
      ChildJvm.Run child = ChildJvm.run(CrashChild.class,
          List.of(journal.toString(), "r" + run, Long.toString(random.nextLong())), log,
          killAfter, Duration.ofMinutes(2), line -> {
            if (line.startsWith("S ")) {
              submitted.add(line.substring(2));
            } else if (line.startsWith("C ")) {
              completed.add(line.substring(2));
            }
          });
      assertThat(child.lines()).as("run %d printed READY (stderr: %s)", run, child.stderrTail())
          .isPositive();
      assertThat(child.killed() && !child.timedOut())
          .as("run %d was killed at its point (stderr: %s)", run, child.stderrTail()).isTrue();
      check(journal, run, submitted, completed, log);
    }
    assertThat(completed).as("the runs completed work").hasSizeGreaterThan(RUNS);
    System.out.printf("crash test: %d kills, %d submits and %d completes confirmed, all held%n",
        RUNS, submitted.size(), completed.size());
  }

  private static void check(Path journal, int run, Set<String> submitted, Set<String> completed,
      Path log) {
    RecoveredState state = RecoveredState.recover(CrashChild.configure(Switchboard.builder()),
        FileJournals.builder(journal).build());
    List<String> live = state.liveIds();
    Set<String> finished = state.finished();
    String where = "after run " + run + " (child stderr: " + ChildJvm.tail(log) + ")";
    assertThat(live).as(where + ": live items").doesNotHaveDuplicates();
    assertThat(live).as(where + ": no item both live and finished")
        .noneMatch(finished::contains);
    for (String id : submitted) {
      assertThat(live.contains(id) || finished.contains(id))
          .as(where + ": item %s, whose submit completed, is held", id).isTrue();
    }
    for (String id : completed) {
      assertThat(finished).as(where + ": item %s, whose complete completed, is finished", id)
          .contains(id);
    }
    assertThat(state.liveItems().values())
        .as(where + ": live items are queued or assigned (auto-accept)")
        .allMatch(s -> s == ItemState.QUEUED || s == ItemState.ASSIGNED);
    state.held().forEach((agent, held) -> assertThat(held)
        .as(where + ": agent %s within capacity", agent).isLessThanOrEqualTo(4));
    long queued = state.liveItems().values().stream().filter(s -> s == ItemState.QUEUED).count();
    long free = state.held().values().stream().mapToLong(h -> 4 - h).sum();
    assertThat(queued == 0 || free == 0).as(where + ": nothing waits beside a free agent")
        .isTrue();
  }
}
