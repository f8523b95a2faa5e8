package dev.switchboard.examples.adapters;

import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A host stand-in for adapter tests: records what the adapter reports, answers with a function
 * (accept, with duplicates by idempotency key, unless told otherwise), and lets a test wait for
 * messages and health changes as they happen.
 */
public final class RecordingContext implements ChannelContext {

  private final InstantSource clock;
  private final BlockingQueue<InboundMessage> accepted = new LinkedBlockingQueue<>();
  private final List<Health> health = new CopyOnWriteArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private volatile Function<InboundMessage, InboundResult> answer = m -> null;

  /** A context on the system clock. */
  public RecordingContext() {
    this(InstantSource.system());
  }

  /** A context on {@code clock}. */
  public RecordingContext(InstantSource clock) {
    this.clock = clock;
  }

  /** Answers with {@code answer} instead of accepting; null from it means accept as usual. */
  public void answer(Function<InboundMessage, InboundResult> answer) {
    this.answer = answer;
  }

  @Override
  public CompletionStage<InboundResult> inbound(InboundMessage message) {
    return CompletableFuture.completedFuture(answer(message));
  }

  private InboundResult answer(InboundMessage message) {
    InboundResult override = answer.apply(message);
    if (override != null) {
      return override;
    }
    synchronized (keys) {
      if (!keys.add(message.idempotencyKey())) {
        return InboundResult.duplicate("already accepted");
      }
    }
    accepted.add(message);
    return InboundResult.accepted();
  }

  /** The next accepted message, waiting up to 10 s; fails the test if none comes. */
  public InboundMessage next() throws InterruptedException {
    InboundMessage m = accepted.poll(10, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no inbound message reported within 10 s");
    }
    return m;
  }

  /** The next accepted message if one comes within {@code wait}, else null. */
  public InboundMessage next(Duration wait) throws InterruptedException {
    return accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Health reports so far, oldest first. */
  public List<Health> health() {
    return List.copyOf(health);
  }

  /** Waits up to 10 s for a health report with {@code status}; fails the test if none comes. */
  public Health awaitHealth(Health.Status status) throws InterruptedException {
    return awaitHealth(status, 0);
  }

  /**
   * Waits up to 10 s for a health report with {@code status} among those from index {@code from}
   * on; fails the test if none comes.
   */
  public Health awaitHealth(Health.Status status, int from) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    synchronized (health) {
      while (true) {
        for (Health h : health.subList(Math.min(from, health.size()), health.size())) {
          if (h.status() == status) {
            return h;
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no " + status + " health within 10 s; saw " + health);
        }
        TimeUnit.NANOSECONDS.timedWait(health, left);
      }
    }
  }

  @Override
  public void health(Health h) {
    synchronized (health) {
      health.add(h);
      health.notifyAll();
    }
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("adapter-test");
  }
}
