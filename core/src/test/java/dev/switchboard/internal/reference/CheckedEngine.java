package dev.switchboard.internal.reference;

import dev.switchboard.Agent;
import dev.switchboard.EngineHealth;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
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
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A {@link ManualSwitchboard} that checks the {@link Invariants} after every step and records
 * every event: a {@link ManualEngine} whose {@link #step()} and {@link #drain()} check the engine
 * after each unit of work, and throw {@link AssertionError} at the first step that breaks a rule.
 * Tests opt in by building their engine here instead of with {@code buildManual()}; everything
 * else stays the same:
 *
 * <pre>{@code
 * ManualSwitchboard sb = TestSwitchboards.checked(Switchboard.builder().clock(clock));
 * // or, from an EngineConfig: CheckedEngine.indexed(config) / CheckedEngine.reference(config)
 * sb.submit(item);
 * sb.drain();   // invariants checked after every step
 * }</pre>
 */
public final class CheckedEngine implements ManualSwitchboard {

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
  @Override
  public boolean step() {
    boolean worked = engine.step();
    invariants.afterStep(stepEvents);
    events.addAll(stepEvents);
    stepEvents.clear();
    return worked;
  }

  /** Steps until there is nothing to do, checking after each step; returns the steps taken. */
  @Override
  public int drain() {
    int steps = 0;
    while (step()) {
      steps++;
    }
    return steps;
  }

  @Override
  public CompletionStage<Void> addAgent(Agent agent) {
    return engine.addAgent(agent);
  }

  @Override
  public CompletionStage<Void> updateAgent(Agent agent) {
    return engine.updateAgent(agent);
  }

  @Override
  public CompletionStage<Void> removeAgent(String agentId) {
    return engine.removeAgent(agentId);
  }

  @Override
  public CompletionStage<Void> setPresence(String agentId, Presence presence) {
    return engine.setPresence(agentId, presence);
  }

  @Override
  public CompletionStage<Void> submit(WorkItem item) {
    return engine.submit(item);
  }

  @Override
  public CompletionStage<Void> accept(String agentId, String itemId) {
    return engine.accept(agentId, itemId);
  }

  @Override
  public CompletionStage<Void> reject(String agentId, String itemId) {
    return engine.reject(agentId, itemId);
  }

  @Override
  public CompletionStage<Void> complete(String agentId, String itemId, Outcome outcome) {
    return engine.complete(agentId, itemId, outcome);
  }

  @Override
  public CompletionStage<Void> finishWrapUp(String agentId, String itemId) {
    return engine.finishWrapUp(agentId, itemId);
  }

  @Override
  public CompletionStage<Void> transfer(String itemId, TransferTarget target) {
    return engine.transfer(itemId, target);
  }

  @Override
  public CompletionStage<Void> cancel(String itemId) {
    return engine.cancel(itemId);
  }

  @Override
  public CompletionStage<Void> abandon(String itemId) {
    return engine.abandon(itemId);
  }

  @Override
  public CompletionStage<Void> followUp(String conversationId, Map<String, ?> attributes) {
    return engine.followUp(conversationId, attributes);
  }

  @Override
  public dev.switchboard.channel.ChannelHost channels() {
    return engine.channels();
  }

  @Override
  public CompletionStage<EngineSnapshot> snapshot() {
    return engine.snapshot();
  }

  @Override
  public int queuedCommands() {
    return engine.queuedCommands();
  }

  @Override
  public EngineHealth health() {
    return engine.health();
  }

  @Override
  public CompletionStage<Void> awaitCustomer(String agentId, String itemId) {
    return engine.awaitCustomer(agentId, itemId);
  }

  @Override
  public dev.switchboard.Supervisor supervisor() {
    return engine.supervisor();
  }

  @Override
  public java.util.Optional<java.time.Instant> nextDeadline() {
    return engine.nextDeadline();
  }

  /** Drains with checks, then closes the engine. */
  @Override
  public void close() {
    drain();
    engine.close();
  }

  private static EngineConfig withListeners(EngineConfig c, List<RoutingEventListener> listeners) {
    return new EngineConfig(c.clock(), c.channels(), c.skills(), c.queues(), c.strategy(),
        c.offerTimeout(), c.declineMemory(), c.autoAccept(), c.wrapUp(), c.maxConsecutiveMisses(),
        c.skipEmptySteps(), List.copyOf(listeners), c.listenerQueueCapacity(), c.commandQueueCapacity(),
        c.finishedItemMemory(), c.conversationMemory(), c.affinity(), c.slaPolicies(),
        c.replayEvents(), c.calendars(), c.queueHours(), c.agentAttributes());
  }
}
