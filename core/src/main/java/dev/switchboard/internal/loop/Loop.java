package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.internal.engine.RoutingEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applying one command, the same way in both loops. */
final class Loop {

  private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

  private Loop() {}

  /** Applies the command; returns how its stage should complete, without completing it. */
  static Outcome run(RoutingEngine engine, Pending p) {
    try {
      return new Outcome(p.command().applyTo(engine), null);
    } catch (CommandRejectedException e) {
      return new Outcome(null, e);
    } catch (RuntimeException e) {
      LOG.error("engine failed applying {}; the command is rejected", p.command(), e);
      return new Outcome(null, e);
    }
  }

  /** Applies the command and completes its stage on this thread. */
  static void apply(RoutingEngine engine, Pending p) {
    run(engine, p).completeOn(p);
  }

  record Outcome(Object value, Throwable failure) {
    void completeOn(Pending p) {
      if (failure == null) {
        p.result().complete(value);
      } else {
        p.result().completeExceptionally(failure);
      }
    }
  }
}
