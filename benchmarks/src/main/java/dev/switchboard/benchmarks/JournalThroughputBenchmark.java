package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.file.FileJournals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Commands per second through the threaded engine with the file journal (in a temporary
 * directory) against none. {@code pipelined}: a batch of 1,000 submits then 1,000 cancels is sent
 * without waiting and the operation ends when every stage has completed, so in SYNC mode many
 * commands share each force (group commit). {@code oneAtATime}: one submit and one cancel, each
 * awaited before the next is sent, so in SYNC mode every command waits for its own force.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalThroughputBenchmark {

  static final int BATCH = 1_000;

  @Param({"none", "ASYNC", "SYNC"})
  String journal;

  private Path dir;
  private Switchboard switchboard;
  private long next;

  /** Starts the engine, on a fresh journal directory unless {@code none}. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SwitchboardBuilder builder = Switchboard.builder();
    if (!journal.equals("none")) {
      dir = Files.createTempDirectory("switchboard-journal-bench");
      builder.journal(FileJournals.builder(dir).durability(Durability.valueOf(journal)).build());
    }
    switchboard = builder.build();
    switchboard.addAgent(Agent.builder("agent").capacity(Channel.CHAT, 1).build());
    switchboard.setPresence("agent", Presence.AVAILABLE).toCompletableFuture().join();
  }

  /** Stops the engine and deletes the journal. */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    switchboard.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private WorkItem item(long n) {
    return WorkItem.builder("item" + n, Channel.EMAIL).customer("customer").build();
  }

  /** Sends 1,000 submits and 1,000 cancels without waiting; waits for all their stages. */
  @Benchmark
  @OperationsPerInvocation(2 * BATCH)
  public void pipelined() {
    CompletableFuture<?>[] stages = new CompletableFuture<?>[2 * BATCH];
    long first = next;
    for (int i = 0; i < BATCH; i++) {
      stages[i] = switchboard.submit(item(first + i)).toCompletableFuture();
    }
    for (int i = 0; i < BATCH; i++) {
      stages[BATCH + i] = switchboard.cancel("item" + (first + i)).toCompletableFuture();
    }
    next += BATCH;
    CompletableFuture.allOf(stages).join();
  }

  /** One submit then one cancel, each awaited. */
  @Benchmark
  @OperationsPerInvocation(2)
  public void oneAtATime() {
    long n = next++;
    switchboard.submit(item(n)).toCompletableFuture().join();
    switchboard.cancel("item" + n).toCompletableFuture().join();
  }
}
