package dev.switchboard.internal.reference;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.loop.ManualEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link ManualEngine} that checks the {@link Invariants} after every step and records every
 * event. Tests opt in by building their engine here and stepping it through {@link #step()} or
 * {@link #drain()} instead of the engine's own; commands go to {@link #engine()} as usual:
 *
 * <pre>{@code
 * CheckedEngine sb = CheckedEngine.indexed(config);
 * sb.engine().submit(item);
 * sb.drain();                  // throws AssertionError at the first step that breaks a rule
 * assertThat(sb.events()).…
 * }</pre>
 */
public final class CheckedEngine {

  private final ManualEngine engine;
  private final Invariants invariants;
  private final List<RoutingEvent> events = new ArrayList<>();
  private final List<RoutingEvent> stepEvents = new ArrayList<>();

  private CheckedEngine(EngineConfig config, Function<EngineView, Matcher> matcher) {
    List<RoutingEventListener> listeners = new ArrayList<>(config.listeners());
    listeners.add(stepEvents::add);
    this.engine = new ManualEngine(withListeners(config, listeners), matcher);
    this.invariants = new Invariants(engine.engine());
  }

  /** A checked engine making decisions with the matcher. */
  public static CheckedEngine of(EngineConfig config, Function<EngineView, Matcher> matcher) {
    return new CheckedEngine(config, matcher);
  }

  /** A checked engine with the production matcher. */
  public static CheckedEngine indexed(EngineConfig config) {
    return of(config, IndexedMatcher::new);
  }

  /** A checked engine with the reference matcher. */
  public static CheckedEngine reference(EngineConfig config) {
    return of(config, ReferenceMatcher::new);
  }

  /** The engine, to send commands to. Step it through this class, not directly. */
  public ManualEngine engine() {
    return engine;
  }

  /** Every event so far, in order. */
  public List<RoutingEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Runs one step of the engine, then checks the invariants. */
  public boolean step() {
    boolean worked = engine.step();
    invariants.afterStep(stepEvents);
    events.addAll(stepEvents);
    stepEvents.clear();
    return worked;
  }

  /** Steps until there is nothing to do, checking after each step; returns the steps taken. */
  public int drain() {
    int steps = 0;
    while (step()) {
      steps++;
    }
    return steps;
  }

  private static EngineConfig withListeners(EngineConfig c, List<RoutingEventListener> listeners) {
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.autoAccept(), c.wrapUp(), c.maxConsecutiveMisses(),
        c.skipEmptySteps(), List.copyOf(listeners), c.listenerQueueCapacity(),
        c.finishedItemMemory(), c.conversationMemory());
  }
}
