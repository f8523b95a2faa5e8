package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.file.FileJournals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Restart time against journal length: one operation builds a manual engine on a journal
 * directory written in set-up (recovering it: read, check, replay) and closes it. The journal
 * holds {@code entries} entries of a steady centre (50 agents; items submitted, offered,
 * accepted, completed; about 200 items live at any time), written with snapshots every 10,000
 * entries or with none.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JournalRestartBenchmark {

  private static final int AGENTS = 50;
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  @Param({"10000", "100000"})
  int entries;

  @Param({"true", "false"})
  boolean snapshots;

  private Path dir;

  private SwitchboardBuilder builder(ManualClock clock) {
    return Switchboard.builder().clock(clock).finishedItemMemory(1000);
  }

  /** Writes the journal. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("switchboard-restart-bench");
    ManualClock clock = new ManualClock(START);
    try (ManualSwitchboard sb = builder(clock).journal(FileJournals.builder(dir)
        .durability(Durability.ASYNC).snapshotInterval(snapshots ? 10_000 : 0).build())
        .buildManual()) {
      for (int a = 0; a < AGENTS; a++) {
        sb.addAgent(Agent.builder("agent" + a).capacity(Channel.EMAIL, 4).build());
        sb.setPresence("agent" + a, Presence.AVAILABLE);
      }
      sb.drain();
      int written = 2 * AGENTS;
      // each item: submit (offered at once), accept, complete = 3 entries; 200 stay live
      for (long n = 0; written < entries; n++) {
        sb.submit(WorkItem.builder("item" + n, Channel.EMAIL).customer("c").build());
        written++;
        if (n >= 200) {
          String old = "item" + (n - 200);
          String agent = holder(sb, old);
          if (agent != null) {
            sb.accept(agent, old);
            sb.complete(agent, old, dev.switchboard.Outcome.RESOLVED);
            written += 2;
          }
        }
        clock.advance(Duration.ofMillis(100));
        sb.drain();
      }
    }
  }

  private static String holder(ManualSwitchboard sb, String itemId) {
    var snapshot = sb.snapshot();
    sb.drain();
    return snapshot.toCompletableFuture().join().items().stream()
        .filter(v -> v.item().id().equals(itemId)).findFirst()
        .flatMap(v -> v.agentId()).orElse(null);
  }

  /** Deletes the journal. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Recovers an engine from the journal, then closes it. */
  @Benchmark
  public int restart() {
    try (ManualSwitchboard sb = builder(new ManualClock(START)).journal(
        FileJournals.builder(dir).build()).buildManual()) {
      var snapshot = sb.snapshot();
      sb.drain();
      return snapshot.toCompletableFuture().join().items().size();
    }
  }
}
