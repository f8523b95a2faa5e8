package dev.switchboard.spi.tck;

import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link ChannelContext} that records what an adapter reports, answering like a host would:
 * accepted, duplicate for an idempotency key accepted before, or rejected when told to. Answers
 * complete at once, or, after {@link #holdAnswers()}, only when {@link #releaseAnswers()} is
 * called, as a host's do while the journal makes a message durable. The TCK uses one per test;
 * adapter authors may use it in their own tests too.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class RecordingChannelContext implements ChannelContext {

  /**
   * One call of {@link #inbound}.
   *
   * @param message what the adapter reported
   * @param result how the context answered (or will answer, while answers are held)
   * @param at when, on the wall clock
   * @param outsideRunning true when the adapter was not started or had stopped (rule 3)
   */
  public record Report(InboundMessage message, InboundResult result, Instant at,
      boolean outsideRunning) {}

  private final Object lock = new Object();
  private final List<Report> reports = new ArrayList<>();
  private final List<Health> health = new ArrayList<>();
  private final Set<String> acceptedKeys = new HashSet<>();
  private final InstantSource clock;
  private final System.Logger logger;
  private final List<CompletableFuture<InboundResult>> held = new ArrayList<>();
  private boolean holding;
  private int rejectNext;
  private String rejectReason = "";
  private boolean running;

  /** A context on the system clock, logging as {@code loggerName}. */
  public RecordingChannelContext(String loggerName) {
    this(Clock.systemUTC(), loggerName);
  }

  /** A context on the given clock, logging as {@code loggerName}. */
  public RecordingChannelContext(InstantSource clock, String loggerName) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.logger = System.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
  }

  @Override
  public CompletionStage<InboundResult> inbound(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    CompletableFuture<InboundResult> answer = new CompletableFuture<>();
    InboundResult result = record(message);
    synchronized (lock) {
      if (holding) {
        held.add(answer);
        return answer.thenApply(ignored -> result);
      }
    }
    answer.complete(result);
    return answer;
  }

  private InboundResult record(InboundMessage message) {
    synchronized (lock) {
      InboundResult result;
      if (rejectNext > 0) {
        rejectNext--;
        result = InboundResult.rejected(rejectReason);
      } else if (!acceptedKeys.add(message.idempotencyKey())) {
        result = InboundResult.duplicate(
            "idempotency key '" + message.idempotencyKey() + "' was accepted before");
      } else {
        result = InboundResult.accepted();
      }
      reports.add(new Report(message, result, Instant.now(), !running));
      lock.notifyAll();
      return result;
    }
  }

  @Override
  public void health(Health health) {
    Objects.requireNonNull(health, "health");
    synchronized (lock) {
      this.health.add(health);
      lock.notifyAll();
    }
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public System.Logger logger() {
    return logger;
  }

  /**
   * From now on answers stay pending until {@link #releaseAnswers()}: the adapter must not
   * acknowledge those messages upstream meanwhile (rule 17).
   */
  public void holdAnswers() {
    synchronized (lock) {
      holding = true;
    }
  }

  /** Completes every held answer, and answers at once from now on. */
  public void releaseAnswers() {
    List<CompletableFuture<InboundResult>> release;
    synchronized (lock) {
      holding = false;
      release = List.copyOf(held);
      held.clear();
    }
    release.forEach(f -> f.complete(null)); // outside the lock: adapters' callbacks run here
  }

  /** How many answers are being held. */
  public int heldAnswers() {
    synchronized (lock) {
      return held.size();
    }
  }

  /** The next {@code count} messages are rejected for {@code reason}. */
  public void rejectNext(int count, String reason) {
    synchronized (lock) {
      rejectNext = count;
      rejectReason = reason;
    }
  }

  /** Marks the window in which reports are allowed (rule 3): between start and stop. */
  public void running(boolean running) {
    synchronized (lock) {
      this.running = running;
    }
  }

  /** Every inbound call so far, in order. */
  public List<Report> reports() {
    synchronized (lock) {
      return List.copyOf(reports);
    }
  }

  /** Every health report so far, in order. */
  public List<Health> healthReports() {
    synchronized (lock) {
      return List.copyOf(health);
    }
  }
}
