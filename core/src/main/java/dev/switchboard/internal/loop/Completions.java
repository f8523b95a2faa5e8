package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.internal.journal.DurableOrder;
import dev.switchboard.journal.JournalFencedException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Completes callers' stages in the order their commands were applied, each once its journal
 * entry is durable ({@link DurableOrder}). Without a journal (or with one whose stages are
 * already done) a stage completes at once, as before.
 */
final class Completions {

  private record Waiting(Loop.Outcome outcome, Pending pending) {}

  private final DurableOrder<Waiting> order = new DurableOrder<>(this::completed, this::refused);
  private final Executor executor;
  private final Consumer<Throwable> journalFailed;

  /** Completions posted to the executor; {@code journalFailed} hears a journal's failure. */
  Completions(Executor executor, Consumer<Throwable> journalFailed) {
    this.executor = executor;
    this.journalFailed = journalFailed;
  }

  /** Called on the loop after applying a command. */
  void add(Loop.Outcome outcome, Pending pending) {
    order.add(new Waiting(outcome, pending), outcome.durable());
  }

  private void completed(Waiting w) {
    executor.execute(() -> w.outcome().completeOn(w.pending()));
  }

  private void refused(Waiting w, Throwable error) {
    journalFailed.accept(error);
    String command = w.pending().command().getClass().getSimpleName();
    JournalFencedException fenced = NotLeader.fencedCause(error);
    CommandRejectedException e = fenced != null
        ? NotLeader.refusal(fenced, "the journal refused " + command
            + ", so the domain never applied it", error)
        : new CommandRejectedException(CommandRejectedException.Reason.ENGINE_FAILED,
            "the journal could not record " + command + " durably, so the engine stopped ("
            + error + "); after a restart the engine holds what the journal holds", error);
    executor.execute(() -> w.pending().fail(e));
  }
}
