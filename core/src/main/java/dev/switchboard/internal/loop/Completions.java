package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Completes callers' stages in the order their commands were applied, each once its journal
 * entry is durable. Entries become durable in order, a group at a time; one callback per group
 * drains the queue from the head. Without a journal (or with one whose stages are already done)
 * a stage completes at once, as before.
 */
final class Completions {

  private record Waiting(Loop.Outcome outcome, Pending pending, CompletableFuture<Void> durable) {}

  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private final Executor executor;
  private final Consumer<Throwable> journalFailed;
  private boolean draining;
  private boolean again;
  /** The latest durability stage a drain callback was registered on; loop thread only. */
  private CompletableFuture<Void> watched;

  /** Completions posted to the executor; {@code journalFailed} hears a journal's failure. */
  Completions(Executor executor, Consumer<Throwable> journalFailed) {
    this.executor = executor;
    this.journalFailed = journalFailed;
  }

  /** Called on the loop after applying a command. */
  void add(Loop.Outcome outcome, Pending pending) {
    CompletableFuture<Void> durable =
        outcome.durable() == null ? null : outcome.durable().toCompletableFuture();
    Waiting w = new Waiting(outcome, pending, durable);
    synchronized (this) {
      if (!queue.isEmpty() || draining || (durable != null && !durable.isDone())) {
        queue.add(w);
        w = null;
      }
    }
    if (w != null) {
      complete(w); // nothing before it is waiting
      return;
    }
    if (durable != null && durable != watched) {
      watched = durable;
      durable.whenComplete((v, e) -> drain());
    }
    drain(); // the stage may have completed before the callback was registered
  }

  /**
   * Completes waiting stages from the head while their entries are durable. One thread drains at
   * a time, outside the lock (completing a stage runs the caller's code, which may call the
   * engine); a drain asked for meanwhile makes it look again.
   */
  private void drain() {
    synchronized (this) {
      if (draining) {
        again = true;
        return;
      }
      draining = true;
    }
    while (true) {
      Waiting head;
      synchronized (this) {
        head = queue.peek();
        if (head == null || (head.durable() != null && !head.durable().isDone())) {
          if (!again) {
            draining = false;
            return;
          }
          again = false;
          continue;
        }
        queue.poll();
      }
      try {
        complete(head);
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          draining = false;
        }
        throw e;
      }
    }
  }

  private void complete(Waiting w) {
    Throwable error = failureOf(w.durable());
    if (error == null) {
      executor.execute(() -> w.outcome().completeOn(w.pending()));
      return;
    }
    journalFailed.accept(error);
    CommandRejectedException e = new CommandRejectedException(
        CommandRejectedException.Reason.ENGINE_FAILED, "the journal could not record "
        + w.pending().command().getClass().getSimpleName() + " durably, so the engine stopped ("
        + error + "); after a restart the engine holds what the journal holds", error);
    executor.execute(() -> w.pending().fail(e));
  }

  private static Throwable failureOf(CompletableFuture<Void> durable) {
    if (durable == null || !durable.isCompletedExceptionally()) {
      return null;
    }
    try {
      durable.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }
}
