package dev.switchboard.benchmarks;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * Measures items per second through the threaded engine, end to end: the benchmark thread
 * submits a batch of items, chat auto-accepts them, and a listener (standing in for the agents)
 * completes each one as it is assigned. An operation ends when the whole batch has completed, so
 * the figure includes the command queue, the loop, the listener hand-off and the callbacks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndThroughputBenchmark {

  /** Items submitted per operation; the score is divided by it, so it reads as items/s. */
  static final int BATCH = 10_000;
  private static final long BATCH_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  @Param({"100", "1000"})
  int agents;

  private Switchboard switchboard;
  private final AtomicLong completed = new AtomicLong();
  private long submitted;

  /** Starts the engine and logs in agents who auto-accept chat. */
  @Setup(Level.Trial)
  public void setUp() {
    switchboard = Switchboard.builder()
        .autoAccept(Channel.CHAT)
        .listenerQueueCapacity(1 << 20)
        .listener(this::onEvent)
        .build();
    for (int a = 0; a < agents; a++) {
      switchboard.addAgent(Agent.builder("agent" + a).channel(Channel.CHAT).build());
      switchboard.setPresence("agent" + a, Presence.AVAILABLE);
    }
    switchboard.snapshot().toCompletableFuture().join();
  }

  /** Stops the engine. */
  @TearDown(Level.Trial)
  public void tearDown() {
    switchboard.close();
  }

  private void onEvent(RoutingEvent event) {
    if (event instanceof ItemAssigned assigned) {
      switchboard.complete(assigned.agentId(), assigned.itemId(), Outcome.RESOLVED);
    } else if (event instanceof ItemCompleted) {
      completed.incrementAndGet();
    }
  }

  /** Submits a batch and waits until every item of it has completed. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long submitAndComplete() throws TimeoutException {
    long start = submitted;
    for (int i = 0; i < BATCH; i++) {
      switchboard.submit(WorkItem.builder("item" + (start + i), Channel.CHAT)
          .customer("customer").build());
    }
    submitted += BATCH;
    long deadline = System.nanoTime() + BATCH_TIMEOUT_NANOS;
    while (completed.get() < submitted) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException((submitted - completed.get()) + " items of the batch did not"
            + " complete within 60s");
      }
      Thread.onSpinWait();
    }
    return completed.get();
  }
}
