package dev.switchboard.sim;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.event.RoutingEvent;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Watches a simulation as it runs: to pace it against the wall clock, draw a live dashboard or
 * log decisions. Called on the simulating thread; whatever it does delays the simulation, never
 * its results (the random streams do not depend on it).
 *
 * @since 0.1
 */
public interface SimulationObserver {

  /** Called once per replication before the first event, with the replication's number from 0. */
  default void onStart(int replication) {}

  /**
   * Called before the virtual clock moves to {@code next}, from {@code now}; {@code snapshot}
   * reads the engine's state (a read, never a change, so the run is unaffected).
   */
  default void onAdvance(Instant now, Instant next, Supplier<EngineSnapshot> snapshot) {}

  /** Called with each engine event, after the step that emitted it. */
  default void onEvent(RoutingEvent event) {}

  /** Called once per replication after its last event, with the final virtual time. */
  default void onFinish(int replication, Instant now, Supplier<EngineSnapshot> snapshot) {}
}
