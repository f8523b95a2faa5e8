package dev.switchboard.journal.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ItemState;
import dev.switchboard.Switchboard;
import dev.switchboard.testing.RecoveredState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real host process (a child JVM running {@link CrashChild}) with SIGKILL at seeded
 * random points, many times over one journal directory, and after each kill checks that the
 * journal holds every item whose submit had completed, exactly once, that every item whose
 * complete had completed is finished, and that everything live is in a state it may be in.
 */
class CrashRecoveryTest {

  private static final long SEED = 20261123L;
  private static final int RUNS = 20;

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
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          CrashChild.class.getName(), journal.toString(), "r" + run,
          Long.toString(random.nextLong()))
          .redirectError(log.toFile())
          .start();
      int lines = 0;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        boolean killed = false;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("S ")) {
            submitted.add(line.substring(2));
          } else if (line.startsWith("C ")) {
            completed.add(line.substring(2));
          }
          if (line.equals("READY") || line.length() > 2) {
            lines++;
          }
          if (!killed && lines > killAfter) {
            // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves our end of
            // the pipe open: lines the child printed before it died are still read below
            child.toHandle().destroyForcibly();
            killed = true;
          }
        }
      }
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(lines).as("run %d printed READY (stderr: %s)", run, tail(log)).isPositive();
      check(journal, run, submitted, completed, log);
    }
    assertThat(completed).as("the runs completed work").hasSizeGreaterThan(RUNS);
    System.out.printf("crash test: %d kills, %d submits and %d completes confirmed, all held%n",
        RUNS, submitted.size(), completed.size());
  }

  private static void check(Path journal, int run, Set<String> submitted, Set<String> completed,
      Path log) throws IOException {
    RecoveredState state = RecoveredState.recover(CrashChild.configure(Switchboard.builder()),
        FileJournals.builder(journal).build());
    List<String> live = state.liveIds();
    Set<String> finished = state.finished();
    String where = "after run " + run + " (child stderr: " + tail(log) + ")";
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

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    String s = Files.readString(log);
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }
}
