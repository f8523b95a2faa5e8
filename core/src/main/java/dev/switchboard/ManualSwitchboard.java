package dev.switchboard;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An engine with no threads of its own: commands wait until the caller runs the loop with {@link
 * #step()} or {@link #drain()}, and time is whatever the configured clock says. The routing code is
 * the same as the threaded engine's; use this for tests and simulation.
 *
 * <p>Listeners are called on the thread that runs the loop, after each step. With a journal, an
 * event is delivered at the first step after its entry is durable: at once when the journal's
 * stages are complete on return (asynchronous durability, the in-memory journal), otherwise at a
 * later step, or at {@link #close()}; a step with nothing else to do still delivers.
 *
 * @since 0.1
 */
public interface ManualSwitchboard extends Switchboard {

  /**
   * Runs one unit of work at the clock's reading: every timer due if any is due, otherwise the
   * oldest waiting command followed by any timer it made due (a deadline already in the past).
   * Returns false when there was nothing to do.
   */
  boolean step();

  /** Runs {@link #step()} until there is nothing to do; returns the number of steps. */
  int drain();

  /**
   * When the earliest pending timer (offer, policy step, wrap-up, SLA) falls due, if any: the
   * time a driver such as a simulator should move the clock to next when nothing else happens
   * sooner. Reflects the commands applied so far.
   */
  Optional<Instant> nextDeadline();

  /**
   * Runs the loop until the command's stage completes, then returns its value, or throws the
   * {@link CommandRejectedException} it was refused with (not wrapped). This is the helper every
   * test of a manual engine needs: {@code engine.result(engine.submit(item))}. With a journal
   * whose stages complete on a thread of its own (the file journal in {@code SYNC} mode), it
   * waits for that thread too, running the loop meanwhile; it gives up with {@link
   * IllegalStateException} after 30 seconds.
   *
   * @since 0.3
   */
  default <T> T result(CompletionStage<T> stage) {
    CompletableFuture<T> future = stage.toCompletableFuture();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    drain();
    while (!future.isDone()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the command's result did not arrive within 30 s: is"
            + " its journal stuck?");
      }
      try {
        future.get(10, TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // not yet, or done: the loop below reads it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a command's result", e);
      }
      drain();
    }
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof CommandRejectedException rejected) {
        throw rejected;
      }
      throw e;
    }
  }
}
