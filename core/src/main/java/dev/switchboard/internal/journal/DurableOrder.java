package dev.switchboard.internal.journal;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Work that waits for journal entries, handed on in the order the loop added it: each piece once
 * the stage of its entry has completed and every piece before it has been handed on. Entries
 * become durable in order, often a group at a time through one shared future, whose dependents
 * {@link CompletableFuture} runs last-registered first; so this registers one callback per
 * distinct stage and every callback drains the queue from its head. Work whose stage is already
 * complete, with nothing before it waiting, is handed on at once on the loop.
 *
 * <p>Threading: {@link #add} on the engine loop only; the handlers run on the loop or on the
 * thread that completes a stage (a journal's writer), one at a time, never concurrently.
 *
 * @param <T> the work
 */
public final class DurableOrder<T> {

  private record Waiting<T>(T work, CompletableFuture<?> durable) {}

  private final ArrayDeque<Waiting<T>> queue = new ArrayDeque<>();
  private final Consumer<T> onDurable;
  private final BiConsumer<T, Throwable> onFailure;
  private boolean draining;
  private boolean again;
  /** The latest stage a drain callback was registered on; loop thread only. */
  private CompletableFuture<?> watched;

  /**
   * Work is handed to {@code onDurable} once its entry (and every earlier one) is durable, or to
   * {@code onFailure} with the journal's failure when its entry's stage failed.
   */
  public DurableOrder(Consumer<T> onDurable, BiConsumer<T, Throwable> onFailure) {
    this.onDurable = onDurable;
    this.onFailure = onFailure;
  }

  /**
   * Adds work waiting for the stage (null: for nothing); called on the loop. Returns true when
   * the work was handed on before returning, so that the caller may reuse it.
   */
  public boolean add(T work, CompletionStage<?> stage) {
    CompletableFuture<?> durable = stage == null ? null : stage.toCompletableFuture();
    boolean now;
    synchronized (this) {
      now = queue.isEmpty() && !draining && (durable == null || durable.isDone());
      if (!now) {
        queue.add(new Waiting<>(work, durable));
      }
    }
    if (now) {
      handOn(work, durable); // outside the lock, as a drain does
      return true;
    }
    if (durable != null && durable != watched) {
      watched = durable;
      durable.whenComplete((v, e) -> drain());
    }
    drain(); // the stage may have completed before the callback was registered
    return false;
  }

  /** Work waiting for its entry to become durable now. */
  public synchronized int waiting() {
    return queue.size();
  }

  /**
   * Hands on waiting work from the head while its entries are durable. One thread drains at a
   * time, outside the lock (a handler may run the caller's code, which may call the engine); a
   * drain asked for meanwhile makes it look again.
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
      Waiting<T> head;
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
        handOn(head.work(), head.durable());
      } catch (RuntimeException | Error e) {
        synchronized (this) {
          draining = false;
        }
        throw e;
      }
    }
  }

  private void handOn(T work, CompletableFuture<?> durable) {
    Throwable failure = failureOf(durable);
    if (failure == null) {
      onDurable.accept(work);
    } else {
      onFailure.accept(work, failure);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> durable) {
    if (durable == null || !durable.isCompletedExceptionally()) {
      return null;
    }
    try {
      durable.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (CancellationException e) {
      return e;
    }
  }
}
