package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.file.FileJournals;
import dev.switchboard.journal.kafka.KafkaJournals;
import dev.switchboard.journal.postgres.PostgresJournals;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
 * SYNC commands per second through the threaded engine on the file journal, on PostgreSQL
 * (a server on this machine, reached over loopback TCP, fsync and synchronous commit on) and on
 * Kafka (a single KRaft broker in this JVM, {@link LocalKafka}, reached over loopback TCP; a
 * commit is a Kafka transaction, acknowledged once in the broker's log, not flushed), against no
 * journal. Both journals keep their data in one temporary directory, so on the same file
 * system; the set-up prints which, and the server's settings.
 *
 * <p>{@code postgres-async-commit} is a control, not a durable configuration: the same journal
 * on a server with {@code synchronous_commit=off}, whose commits return before their write-ahead
 * log is flushed. Beside {@code postgres} it shows how much of a commit is the flush and how much
 * the round trips and the server's work.
 *
 * <p>The commands are a chat item's life: submitted (auto-accepted by the one agent, capacity 1)
 * and then completed, item after item, so the state stays one agent and at most one item, and
 * every command must succeed: a refused one fails the benchmark. {@code oneAtATime} sends a
 * command and waits for its stage, so each SYNC command waits for a commit of its own.
 * {@code pipelined} keeps {@value #IN_FLIGHT} commands in flight from one thread, sending the
 * next as soon as one completes, so commands that arrive during a commit share the next one
 * (group commit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalDurabilityBenchmark {

  static final int IN_FLIGHT = 256;
  private static final String AGENT = "agent";
  private static final long STALL_SECONDS = 60;

  @Param({"none", "file", "postgres", "postgres-async-commit", "kafka"})
  String journal;

  private Path dir;
  private LocalPostgres postgres;
  private LocalKafka kafka;
  private Switchboard switchboard;
  private long sent;
  private long transactionsAtStart;
  private final Semaphore window = new Semaphore(IN_FLIGHT);
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /** Starts the engine on a fresh journal (and, for {@code postgres}, a fresh server). */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("switchboard-durability-bench");
    SwitchboardBuilder builder = Switchboard.builder().autoAccept(Channel.CHAT);
    switch (journal) {
      case "none" -> { }
      case "file" -> builder.journal(FileJournals.builder(dir.resolve("file"))
          .durability(Durability.SYNC).build());
      case "postgres", "postgres-async-commit" -> {
        postgres = LocalPostgres.start(dir.resolve("postgres"), journal.equals("postgres"));
        System.out.println(postgres.settings());
        builder.journal(PostgresJournals.builder(postgres.dataSource())
            .domain("benchmark").durability(Durability.SYNC).build());
      }
      case "kafka" -> {
        kafka = LocalKafka.start();
        System.out.println("kafka broker logs in " + kafka.logDirectories());
        builder.journal(KafkaJournals.builder(kafka.clientProperties()).domain("benchmark")
            .unsafeSingleBroker().durability(Durability.SYNC).build());
      }
      default -> throw new IllegalArgumentException("journal " + journal
          + "; allowed: none, file, postgres, postgres-async-commit, kafka");
    }
    FileStore store = Files.getFileStore(dir);
    System.out.println("journal data in " + dir + ": " + store.type() + " on " + store.name());
    switchboard = builder.build();
    switchboard.addAgent(Agent.builder(AGENT).capacity(Channel.CHAT, 1).build());
    switchboard.setPresence(AGENT, Presence.AVAILABLE).toCompletableFuture().join();
    if (postgres != null) {
      transactionsAtStart = postgres.transactionsCommitted();
    }
  }

  /** Waits for the commands still in flight, so that a late refusal fails the benchmark too. */
  @TearDown(Level.Iteration)
  public void drain() throws InterruptedException, TimeoutException {
    if (!window.tryAcquire(IN_FLIGHT, STALL_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("commands in flight did not complete within "
          + STALL_SECONDS + "s");
    }
    window.release(IN_FLIGHT);
    requireNoFailure();
  }

  /**
   * Stops the engine and the server, and deletes the journal's data. On PostgreSQL first prints
   * how many commands shared a transaction, warm-up included.
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    switchboard.close();
    if (kafka != null) {
      kafka.close();
    }
    if (postgres != null) {
      Thread.sleep(1_000); // for the statistics collector to hear of the writer's last commits
      long transactions = postgres.transactionsCommitted() - transactionsAtStart;
      System.out.printf("%,d commands in %,d transactions: %.1f a transaction%n", sent,
          transactions, (double) sent / transactions);
      postgres.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Sends the next command of the cycle: even ones submit an item, odd ones complete it. */
  private CompletionStage<Void> send() {
    long n = sent++;
    String id = "item" + (n >> 1);
    if ((n & 1) == 0) {
      return switchboard.submit(WorkItem.builder(id, Channel.CHAT).customer("customer").build());
    }
    return switchboard.complete(AGENT, id, Outcome.RESOLVED);
  }

  private void requireNoFailure() {
    Throwable e = failure.get();
    if (e != null) {
      throw new IllegalStateException("a command failed; the figures would not count", e);
    }
  }

  /** One command, awaited before the operation ends. */
  @Benchmark
  public void oneAtATime() {
    send().toCompletableFuture().join();
  }

  /** {@link #oneAtATime()}, sampled for its latency percentiles. */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void oneAtATimeLatency() {
    oneAtATime();
  }

  /** Sends one command once fewer than {@value #IN_FLIGHT} are in flight; does not wait for it. */
  @Benchmark
  public void pipelined() throws InterruptedException, TimeoutException {
    if (!window.tryAcquire(STALL_SECONDS, TimeUnit.SECONDS)) {
      throw new TimeoutException("no command completed within " + STALL_SECONDS + "s");
    }
    send().whenComplete((ignored, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
      window.release();
    });
    requireNoFailure();
  }
}
