package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.internal.engine.RoutingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applying one command, the same way in both loops. */
final class Loop {

  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

  private Loop() {}

  /**
   * Applies the command; returns how its stage should complete, without completing it. A
   * rejection leaves the engine unchanged; any other exception may have left it half-changed, so
   * the outcome is marked fatal and the caller must stop the engine.
   */
  static Outcome run(RoutingEngine engine, Pending p) {
    try {
      Object value = p.command().applyTo(engine);
      engine.settle();
      return new Outcome(value, null, false);
    } catch (CommandRejectedException e) {
      return new Outcome(null, e, false);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
        throw e;
      }
      LOG.error("the engine failed applying {} and stops; its state may be inconsistent",
          p.command(), e);
      return new Outcome(null, new CommandRejectedException(
          CommandRejectedException.Reason.ENGINE_FAILED,
          "the engine failed applying " + p.command().getClass().getSimpleName(), e), true);
    }
  }

  record Outcome(Object value, Throwable failure, boolean fatal) {
    void completeOn(Pending p) {
      if (failure == null) {
        p.result().complete(value);
      } else {
        p.result().completeExceptionally(failure);
      }
    }
  }
}
