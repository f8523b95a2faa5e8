package dev.switchboard.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A base class for adapters that owns the lifecycle and leaves the protocol to the subclass: it
 * validates identity, starts once, reports health, refuses deliveries when not running, counts
 * deliveries in flight, and drains them on {@link #stop()} (rules 1, 2, 3, 6, 13 and 14 of {@link
 * ChannelAdapter}).
 *
 * <p>A subclass implements {@link #onStart}, {@link #send} and, when it holds resources, {@link
 * #onStop}, and reports inbound messages through {@link #report}.
 *
 * @since 0.1
 */
public abstract class AbstractChannelAdapter implements ChannelAdapter {

  private enum State {
    NEW,
    RUNNING,
    /** {@link #onStart} threw: nothing is reported or delivered; {@link #stop} still cleans up. */
    FAILED,
    STOPPING,
    STOPPED
  }

  private final String id;
  private final String channelId;
  private final AdapterTraits traits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private State state = State.NEW;
  private int inFlight;
  /**
   * Callers' stages whose delivery has left the in-flight count but which may not be complete yet:
   * {@link #stop()} waits for these too, outside the lock, since completing one runs the caller's
   * callbacks, which may themselves call {@code stop()}.
   */
  private final Set<CompletableFuture<DeliveryReceipt>> settling = ConcurrentHashMap.newKeySet();
  private volatile ChannelContext context;

  /**
   * An adapter with the given identity.
   *
   * @param id the adapter's id; 1 to 64 characters of {@code [a-z0-9_-]}
   * @param channelId the channel's id; 1 to 32 characters of {@code [a-z0-9_-]}
   * @param traits what the channel and adapter can do
   * @throws IllegalArgumentException when an id is invalid, naming it
   */
  protected AbstractChannelAdapter(String id, String channelId, AdapterTraits traits) {
    this.id = Checks.id("adapter id", id);
    if (Checks.id("channelId", channelId).length() > 32) {
      throw new IllegalArgumentException(
          "channelId '" + channelId + "' is not allowed: use 1 to 32 characters of [a-z0-9_-]");
    }
    this.channelId = channelId;
    this.traits = Checks.notNull("traits", traits);
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String channelId() {
    return channelId;
  }

  @Override
  public final AdapterTraits traits() {
    return traits;
  }

  /**
   * Starts the adapter once: calls {@link #onStart}, then reports {@link Health#up()}.
   *
   * @throws IllegalStateException when called a second time or after {@link #stop()}
   * @throws Exception what {@link #onStart} throws, after reporting the adapter down; the adapter
   *     is then not running (it reports nothing and refuses deliveries) until {@link #stop}
   */
  @Override
  public final void start(ChannelContext context) throws Exception {
    Objects.requireNonNull(context, "context");
    lock.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException(
            "adapter '" + id + "' cannot start: it is " + state.name().toLowerCase(Locale.ROOT)
                + "; start is called once");
      }
      this.context = context;
      state = State.RUNNING;
    } finally {
      lock.unlock();
    }
    try {
      onStart(context);
    } catch (Exception | Error e) {
      lock.lock();
      try {
        state = State.FAILED; // not running: inbound is refused, deliveries fail retryably
      } finally {
        lock.unlock();
      }
      context.health(Health.down("start failed: " + e));
      throw e;
    }
    context.health(Health.up());
  }

  /**
   * Sends through {@link #send} while running; otherwise completes with a retryable failure.
   * Exceptions {@code send} throws complete the stage instead of escaping (rule 6).
   */
  @Override
  public final CompletionStage<DeliveryReceipt> deliver(OutboundMessage message) {
    lock.lock();
    try {
      if (state != State.RUNNING) {
        return CompletableFuture.failedFuture(
            DeliveryException.retryable(
                "adapter '" + id + "' is " + state.name().toLowerCase(Locale.ROOT)
                    + "; deliveries are accepted only while it runs"));
      }
      inFlight++;
    } finally {
      lock.unlock();
    }
    CompletionStage<DeliveryReceipt> stage;
    try {
      stage = Objects.requireNonNull(send(message), "send returned null");
    } catch (DeliveryException e) {
      stage = CompletableFuture.failedFuture(e);
    } catch (Exception e) {
      stage = CompletableFuture.failedFuture(DeliveryException.retryable("send failed: " + e, e));
    } catch (Error e) {
      finished(); // nothing is in flight; let stop() go on
      throw e;
    }
    // The delivery leaves the count before the caller's stage completes, so that callbacks on it
    // may call stop(); stop() then also waits for the stages still settling (rule 13).
    CompletableFuture<DeliveryReceipt> result = new CompletableFuture<>();
    stage.whenComplete((receipt, failure) -> {
      settling.add(result);
      finished();
      try {
        if (failure != null) {
          result.completeExceptionally(failure instanceof CompletionException
              && failure.getCause() != null ? failure.getCause() : failure);
        } else {
          result.complete(receipt);
        }
      } finally {
        settling.remove(result);
      }
    });
    return result;
  }

  private void finished() {
    lock.lock();
    try {
      inFlight--;
      if (inFlight == 0) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops accepting deliveries, waits up to {@link #drainTimeout()} for those in flight, then
   * calls {@link #onStop}. Idempotent: later calls return at once.
   */
  @Override
  public final void stop() {
    boolean started = false;
    lock.lock();
    try {
      if (state == State.STOPPING || state == State.STOPPED) {
        return;
      }
      started = state == State.RUNNING || state == State.FAILED;
      state = State.STOPPING;
      if (started) {
        long nanos = drainTimeout().toNanos();
        long deadline = System.nanoTime() + nanos;
        while (inFlight > 0 && nanos > 0) {
          nanos = drained.awaitNanos(nanos);
        }
        lock.unlock();
        try {
          awaitSettled(deadline);
        } finally {
          lock.lock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
    try {
      if (started) {
        onStop();
      }
    } finally {
      lock.lock();
      try {
        state = State.STOPPED;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits (until {@code deadline}) for callers' stages that left the in-flight count to complete:
   * a matter of instructions on the completing thread, hence a yielding spin. A stage completing
   * on this very thread is done already (its callbacks run after its value is set).
   */
  private void awaitSettled(long deadline) {
    for (CompletableFuture<DeliveryReceipt> f : settling) {
      while (!f.isDone() && System.nanoTime() - deadline < 0) {
        Thread.yield();
      }
    }
  }

  /**
   * Reports an inbound message to the context while the adapter runs (rule 3); rejects it
   * otherwise. The stage completes once the host owns the message or refused it: acknowledge the
   * message upstream only after an owned answer (rule 17). Thread-safe.
   */
  protected final CompletionStage<InboundResult> report(InboundMessage message) {
    ChannelContext current = context;
    if (current == null || !running()) {
      return CompletableFuture.completedFuture(
          InboundResult.rejected("adapter '" + id + "' is not running"));
    }
    return current.inbound(message);
  }

  /** Whether the adapter is started and not stopping. Thread-safe. */
  protected final boolean running() {
    lock.lock();
    try {
      return state == State.RUNNING;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The context given to {@link #start}.
   *
   * @throws IllegalStateException before {@link #start}
   */
  protected final ChannelContext context() {
    ChannelContext current = context;
    if (current == null) {
      throw new IllegalStateException("adapter '" + id + "' is not started");
    }
    return current;
  }

  /** Deliveries in flight right now. Thread-safe. */
  protected final int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /**
   * How long {@link #stop()} waits for deliveries in flight; 30 seconds unless overridden.
   * Awaited with {@link TimeUnit#NANOSECONDS} precision on the stopping thread.
   */
  protected Duration drainTimeout() {
    return Duration.ofSeconds(30);
  }

  /**
   * Connects and begins reading inbound. Called once, on the host's thread, before any delivery.
   *
   * @param context where to report; also available later from {@link #context()}
   * @throws Exception when the adapter cannot start
   */
  protected abstract void onStart(ChannelContext context) throws Exception;

  /**
   * Sends one message. Must not block; may throw, which fails the delivery (a {@link
   * DeliveryException} as it is, anything else as retryable).
   *
   * @param message what to send
   * @return a stage completing with a receipt or a {@link DeliveryException}
   * @throws Exception when the message cannot be sent
   */
  protected abstract CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws Exception;

  /**
   * Releases resources after deliveries drained: closes connections, stops reader threads. Called
   * once, from {@link #stop()}, and only if {@link #start} was called (even if it threw). Does
   * nothing unless overridden.
   */
  protected void onStop() {}
}
