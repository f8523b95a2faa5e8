package dev.switchboard.micrometer.internal;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.kpi.LiveKpis;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Asks the engine for its snapshot and its adapters' status at most once per period, however many
 * gauges read them, so that a scrape costs the engine loop one snapshot, not one per gauge.
 *
 * <p>A read within the period returns the cached reading at once. A later read sends one request
 * (never a second while one is outstanding) and waits for it until the request's deadline, a
 * fixed time after it was sent; once the deadline has passed, every read serves the last reading
 * at once and counts a stale read. So a scrape waits for the engine at most once, and an engine
 * that does not answer (a stuck loop, a manual engine nobody steps) is not sent request after
 * request. After a failed request (a closed engine) reads serve the last reading for a period
 * before the next request. A reading is cached, and the new-reading hook run, on the thread that
 * completes the engine's stages (the engine's callback thread, or the thread stepping a manual
 * engine).
 */
public final class SnapshotCache {

  private static final long NEVER = Long.MIN_VALUE;

  private final Switchboard engine;
  private final Optional<LiveKpis> kpis;
  private final Clock clock;
  private final long periodNanos;
  private final long waitNanos;
  private final Consumer<Reading> onReading;
  private final AtomicReference<Request> outstanding = new AtomicReference<>();
  private final AtomicLong staleReads = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile Reading current;
  private volatile long failedAt = NEVER;

  /**
   * A cache for the engine.
   *
   * @param onReading called with each new reading once it is cached, before waiting readers see
   *     it; must not block
   */
  /** The engine the cache reads; for the gauges that read it live. */
  Switchboard engine() {
    return engine;
  }

  public SnapshotCache(Switchboard engine, Optional<LiveKpis> kpis, Clock clock, Duration period,
      Duration wait, Consumer<Reading> onReading) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.kpis = Objects.requireNonNull(kpis, "kpis");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.periodNanos = period.toNanos();
    this.waitNanos = wait.toNanos();
    this.onReading = Objects.requireNonNull(onReading, "onReading");
  }

  /** The reading to report: fresh if the engine answers in time, else the last one, if any. */
  public Optional<Reading> read() {
    Reading r = current;
    if (r != null && clock.monotonicTime() - r.takenAt() < periodNanos) {
      return Optional.of(r);
    }
    if (failedAt != NEVER && clock.monotonicTime() - failedAt < periodNanos) {
      return stale();
    }
    Request request = request();
    long left = request.deadline - clock.monotonicTime();
    Reading fresh = null;
    try {
      fresh = left > 0 ? request.future.get(left, TimeUnit.NANOSECONDS)
          : request.future.getNow(null);
    } catch (TimeoutException | ExecutionException | CompletionException e) {
      // served stale below; a failure was counted when the request finished
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fresh != null ? Optional.of(fresh) : stale();
  }

  /** Sends a request now unless one is outstanding; completes once its reading is cached. */
  public CompletionStage<Reading> refresh() {
    return request().future.minimalCompletionStage();
  }

  /** The last reading cached, without asking the engine. */
  public Optional<Reading> last() {
    return Optional.ofNullable(current);
  }

  /** Reads that served an older reading, or none, because the engine had not answered in time. */
  public long staleReads() {
    return staleReads.get();
  }

  /** Requests the engine refused or failed (a closed engine, for one). */
  public long failures() {
    return failures.get();
  }

  /** How old the last reading is, in seconds; NaN before the first. */
  public double ageSeconds() {
    Reading r = current;
    return r == null ? Double.NaN : (clock.monotonicTime() - r.takenAt()) / 1e9;
  }

  private Optional<Reading> stale() {
    staleReads.incrementAndGet();
    return Optional.ofNullable(current);
  }

  private Request request() {
    while (true) {
      Request existing = outstanding.get();
      if (existing != null) {
        return existing;
      }
      Request fresh = new Request(clock.monotonicTime() + waitNanos);
      if (outstanding.compareAndSet(null, fresh)) {
        send(fresh);
        return fresh;
      }
    }
  }

  private void send(Request request) {
    CompletionStage<EngineSnapshot> snapshot;
    CompletionStage<List<AdapterStatus>> adapters;
    try {
      snapshot = engine.snapshot();
      adapters = engine.channels().adapters();
    } catch (RuntimeException e) {
      finish(request, null, e);
      return;
    }
    snapshot.thenCombine(adapters, this::cache)
        .whenComplete((reading, error) -> finish(request, reading, error));
  }

  private Reading cache(EngineSnapshot snapshot, List<AdapterStatus> adapters) {
    Reading reading = new Reading(snapshot, adapters,
        kpis.map(k -> k.snapshot(snapshot.at())), clock.monotonicTime());
    current = reading;
    onReading.accept(reading);
    return reading;
  }

  private void finish(Request request, Reading reading, Throwable error) {
    outstanding.compareAndSet(request, null);
    if (error != null) {
      failedAt = clock.monotonicTime();
      failures.incrementAndGet();
      request.future.completeExceptionally(error);
    } else {
      request.future.complete(reading);
    }
  }

  /** One outstanding request to the engine and the time readers stop waiting for it. */
  private static final class Request {
    final long deadline;
    final CompletableFuture<Reading> future = new CompletableFuture<>();

    Request(long deadline) {
      this.deadline = deadline;
    }
  }
}
