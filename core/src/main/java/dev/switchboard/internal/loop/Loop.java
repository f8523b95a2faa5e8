package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.journal.EngineJournal;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applying one command, the same way in both loops. */
final class Loop {

  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

  private Loop() {}

  /**
   * Applies the command, journaling it if it changed the engine and a journal is configured;
   * returns how its stage should complete, without completing it. A rejection leaves the engine
   * unchanged; any other exception may have left it half-changed, so the outcome is marked fatal
   * and the caller must stop the engine.
   */
  static Outcome run(RoutingEngine engine, Pending p, EngineJournal journal) {
    try {
      byte[] payload = null;
      if (journal != null) {
        try {
          payload = journal.encode(p.command(), engine.now());
        } catch (IllegalArgumentException e) {
          return new Outcome(null, new CommandRejectedException(
              CommandRejectedException.Reason.INVALID_VALUE, e.getMessage()), false,
              journal.last());
        }
      }
      Object value = p.command().applyTo(engine);
      engine.settle();
      if (journal == null) {
        return value == null ? Outcome.DONE : new Outcome(value, null, false, null);
      }
      return new Outcome(value, null, false, journal.commit(payload, engine));
    } catch (CommandRejectedException e) {
      return new Outcome(null, e, false, journal == null ? null : journal.last());
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      LOG.error("the engine failed applying {} and stops; its state may be inconsistent",
          p.command(), e);
      return new Outcome(null, new CommandRejectedException(
          CommandRejectedException.Reason.ENGINE_FAILED,
          "the engine failed applying " + p.command().getClass().getSimpleName(), e), true, null);
    }
  }

  /**
   * Called once as an engine is built, after recovery and before any command: an engine hosting
   * adapters starts a new incarnation of its channels, journaled like a command, so that delivery
   * ids made from now on differ from every id made before, also from ids a crash kept out of the
   * journal. The incarnation is the clock's epoch milliseconds, or one more than the last one when
   * the clock has not moved past it.
   */
  static void start(RoutingEngine engine, EngineJournal journal, boolean hostsAdapters,
      long clockMillis) {
    if (!hostsAdapters) {
      return;
    }
    long incarnation = Math.max(clockMillis, engine.channels().incarnation() + 1);
    Outcome outcome = run(engine, new Pending(new Command.Incarnation(incarnation)), journal);
    if (outcome.failure() != null) {
      throw new IllegalStateException("the engine could not start its channels: "
          + outcome.failure().getMessage(), outcome.failure());
    }
  }

  /**
   * How a command's stage completes: with the value or the rejection, once {@code durable} (the
   * journal's stage for it, null without a journal) has completed.
   */
  record Outcome(Object value, Throwable failure, boolean fatal, CompletionStage<Void> durable) {

    /** Applied, no value, nothing to wait for: most commands without a journal, shared. */
    static final Outcome DONE = new Outcome(null, null, false, null);

    void completeOn(Pending p) {
      if (failure == null) {
        p.succeed(value);
      } else {
        p.fail(failure);
      }
    }
  }
}
