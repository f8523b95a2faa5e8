package dev.switchboard.benchmarks;

import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Timer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures the engine's internal deadline heap with a million timers pending: cancelling and
 * rescheduling a timer anywhere in the heap (an offer accepted, a step changed), and firing the
 * earliest timer and scheduling it again (offers and steps expiring). The heap stays at its size
 * throughout, so each operation sees the same depth.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DeadlineQueueBenchmark {

  private static final int DEADLINES = 1 << 16;
  private static final long HORIZON_NANOS = TimeUnit.HOURS.toNanos(1);

  @Param({"1000000"})
  int pending;

  private DeadlineQueue queue;
  private Timer<?>[] timers;
  private long[] deadlines;
  private int[] order;
  private int cursor;
  private long now;

  /** Schedules {@code pending} timers at random deadlines within an hour. */
  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    queue = new DeadlineQueue();
    timers = new Timer<?>[pending];
    Timer.Action<Integer> nothing =
        new Timer.Action<>(Timer.Kind.OFFER, i -> { }, String::valueOf);
    order = new int[pending];
    for (int i = 0; i < pending; i++) {
      timers[i] = new Timer<>(nothing, i);
      queue.schedule(timers[i], (long) (random.nextDouble() * HORIZON_NANOS));
      order[i] = i;
    }
    for (int i = pending - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    deadlines = new long[DEADLINES];
    for (int i = 0; i < DEADLINES; i++) {
      deadlines[i] = (long) (random.nextDouble() * HORIZON_NANOS);
    }
  }

  /** Cancels a timer from anywhere in the heap and schedules it at a new deadline. */
  @Benchmark
  public int cancelAndReschedule() {
    int c = cursor++;
    Timer<?> timer = timers[order[c % pending]];
    queue.cancel(timer);
    queue.schedule(timer, now + deadlines[c & (DEADLINES - 1)]);
    return queue.size();
  }

  /** Fires the earliest timer and schedules it again later, as expiring offers do. */
  @Benchmark
  public long pollAndReschedule() {
    int c = cursor++;
    now = queue.nextDeadline();
    Timer<?> due = queue.pollDue(now);
    queue.schedule(due, now + deadlines[c & (DEADLINES - 1)]);
    return now;
  }
}
