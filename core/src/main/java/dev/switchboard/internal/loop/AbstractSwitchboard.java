package dev.switchboard.internal.loop;

import dev.switchboard.Agent;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineHealth;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Supervisor;
import dev.switchboard.Switchboard;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.check.Attributes;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.engine.Registry;
import dev.switchboard.internal.host.ChannelRuntime;
import dev.switchboard.journal.JournalFencedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caller's side of an engine, shared by the threaded and manual loops: it checks arguments
 * on the caller's thread, turns each call into a {@link Command} and hands it to the loop.
 */
abstract class AbstractSwitchboard implements Switchboard, Command.Counters {

  private final Registry registry;
  /** Listener exceptions and dropped events, counted by whichever loop delivers events. */
  final ListenerFailures failures = new ListenerFailures();
  /** The channel adapters: the loop dispatches deliveries to it; it sends commands back. */
  final ChannelRuntime channels;
  private volatile boolean closed;
  private volatile Throwable failure;
  private final Supervisor supervisor = new SupervisorCommands(this);
  /**
   * Commands applied, and their summed and longest latency: written by the loop only, with
   * release stores that other threads read with acquire loads (atomic for longs, and no fence per
   * command as a volatile store would cost).
   */
  private long applied;
  private long latencyNanos;
  private long latencyMaxNanos;
  private static final VarHandle APPLIED;
  private static final VarHandle LATENCY;
  private static final VarHandle LATENCY_MAX;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      APPLIED = lookup.findVarHandle(AbstractSwitchboard.class, "applied", long.class);
      LATENCY = lookup.findVarHandle(AbstractSwitchboard.class, "latencyNanos", long.class);
      LATENCY_MAX = lookup.findVarHandle(AbstractSwitchboard.class, "latencyMaxNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Set (from the journal's thread) when the journal could not record an entry. */
  private volatile Throwable journalFailure;

  /** Callers' commands waiting for the loop, at most {@link #capacity}. */
  private final AtomicInteger waiting = new AtomicInteger();
  private final int capacity;

  AbstractSwitchboard(Registry registry, ChannelConfig channelConfig, InstantSource clock,
      int commandQueueCapacity) {
    this.registry = registry;
    this.capacity = commandQueueCapacity;
    this.channels = new ChannelRuntime(channelConfig, new LoopHostPort(this), clock);
  }

  @Override
  public ChannelHost channels() {
    return channels;
  }

  /** Starts the adapters; called once the loop can take commands. */
  void startChannels() {
    channels.start();
  }

  /**
   * Stops the adapters before the loop closes, so the results of deliveries they drain, and the
   * dead letters of replies still pending, are applied by the loop's final drain. Runs even after
   * the engine failed, so adapters are never left running; idempotent.
   */
  void stopChannels() {
    channels.stop();
  }

  @Override
  public long listenerFailures() {
    return failures.failures();
  }

  @Override
  public long droppedEvents() {
    return failures.dropped();
  }

  /** Hands a checked command to the loop. */
  abstract void enqueue(Pending pending);


  /**
   * Marks the engine failed (and closed) after an unexpected exception on the loop: later
   * commands are rejected with {@code ENGINE_FAILED} naming the cause.
   */
  synchronized void markFailed(Throwable cause) {
    failure = cause;
    closed = true;
  }

  /**
   * The journal could not make an entry durable: the engine stops, since its state is ahead of
   * what a restart would recover. The loop sees {@link #journalFailure()} before its next step.
   */
  void journalFailed(Throwable cause) {
    journalFailure = cause;
    markFailed(cause);
  }

  /** The journal's failure, or null while it works. */
  Throwable journalFailure() {
    return journalFailure;
  }

  /**
   * The rejection for a command that will not be applied because the engine stopped: {@code
   * NOT_LEADER} when another node took the journal over, else {@code ENGINE_FAILED}, or {@code
   * ENGINE_CLOSED} when it was closed.
   */
  CommandRejectedException notApplied(Command command) {
    Throwable cause = failure;
    String name = command.getClass().getSimpleName();
    if (cause == null) {
      return new CommandRejectedException(Reason.ENGINE_CLOSED,
          "the engine is closed; " + name + " was not applied");
    }
    JournalFencedException fenced = NotLeader.fencedCause(cause);
    return fenced != null
        ? NotLeader.refusal(fenced, name + " was not applied", cause)
        : new CommandRejectedException(Reason.ENGINE_FAILED, "the engine stopped after a failure ("
            + cause + "); " + name + " was not applied", cause);
  }

  /** Marks the engine closed; returns false if it already was. */
  synchronized boolean markClosed() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }

  /**
   * Hands a caller's command to the loop, or refuses it at once with {@code OVERLOADED} when
   * {@code commandQueueCapacity} commands are already waiting.
   */
  <T> CompletionStage<T> send(Command command) {
    return send(command, true);
  }

  /**
   * Hands the engine's own bookkeeping (a delivery's result, a health report, closing the
   * channels) to the loop: never refused for load, since refusing it would lose what was already
   * accepted. Each kind is bounded at its source (deliveries in flight, one health report per
   * adapter).
   */
  <T> CompletionStage<T> sendAlways(Command command) {
    return send(command, false);
  }

  @SuppressWarnings("unchecked")
  private <T> CompletionStage<T> send(Command command, boolean bounded) {
    Pending pending = new Pending(command, bounded); // the command and the caller's stage in one
    if (bounded && waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      pending.fail(new CommandRejectedException(Reason.OVERLOADED, "the engine is overloaded: "
          + capacity + " commands are waiting for its loop (commandQueueCapacity); "
          + command.getClass().getSimpleName() + " was not applied; try again later"));
      return (CompletionStage<T>) pending;
    }
    // checking and enqueuing under the lock that close() takes, so no command slips in behind
    // the close and waits forever
    synchronized (this) {
      if (!closed) {
        enqueue(pending);
        return (CompletionStage<T>) pending;
      }
    }
    if (bounded) {
      waiting.decrementAndGet();
    }
    pending.fail(notApplied(command));
    return (CompletionStage<T>) pending;
  }

  /** Called by the loop for each command it takes off its queue, applied or failed. */
  final void taken(Pending pending) {
    if (pending.bounded()) {
      waiting.decrementAndGet();
    }
  }

  /** Callers' commands waiting for the loop now. */
  @Override
  public final int queuedCommands() {
    return waiting.get();
  }

  @Override
  public final EngineHealth health() {
    return new EngineHealth(waiting.get(), (long) APPLIED.getAcquire(this),
        Duration.ofNanos((long) LATENCY.getAcquire(this)),
        Duration.ofNanos((long) LATENCY_MAX.getAcquire(this)), journalPending());
  }

  /**
   * Counts a command the loop applied and, when the threaded engine stamped it, its latency.
   * Loop thread only; the release stores make the figures readable from any thread.
   */
  final void applied(Pending pending, long now) {
    APPLIED.setRelease(this, applied + 1);
    if (pending.queuedAt != 0) {
      long latency = Math.max(0, now - pending.queuedAt);
      LATENCY.setRelease(this, latencyNanos + latency);
      if (latency > latencyMaxNanos) {
        LATENCY_MAX.setRelease(this, latency);
      }
    }
  }

  /** Journal entries appended and not yet durable; zero without a journal. */
  abstract int journalPending();

  private static <T> CompletionStage<T> rejected(CommandRejectedException e) {
    return CompletableFuture.failedStage(e);
  }

  @Override
  public CompletionStage<Void> addAgent(Agent agent) {
    Objects.requireNonNull(agent, "agent");
    try {
      registry.check(agent);
    } catch (CommandRejectedException e) {
      return rejected(e);
    }
    return send(new Command.AddAgent(agent));
  }

  @Override
  public CompletionStage<Void> updateAgent(Agent agent) {
    Objects.requireNonNull(agent, "agent");
    try {
      registry.check(agent);
    } catch (CommandRejectedException e) {
      return rejected(e);
    }
    return send(new Command.UpdateAgent(agent));
  }

  @Override
  public CompletionStage<Void> removeAgent(String agentId) {
    return send(new Command.RemoveAgent(Checks.id("agentId", agentId)));
  }

  @Override
  public CompletionStage<Void> setPresence(String agentId, Presence presence) {
    Objects.requireNonNull(presence, "presence");
    return send(new Command.SetPresence(Checks.id("agentId", agentId), presence));
  }

  @Override
  public CompletionStage<Void> submit(WorkItem item) {
    Objects.requireNonNull(item, "item");
    try {
      registry.check(item);
    } catch (CommandRejectedException e) {
      return rejected(e);
    }
    return send(new Command.Submit(item));
  }

  @Override
  public CompletionStage<Void> accept(String agentId, String itemId) {
    return send(new Command.Accept(Checks.id("agentId", agentId), Checks.id("itemId", itemId)));
  }

  @Override
  public CompletionStage<Void> reject(String agentId, String itemId) {
    return send(new Command.Reject(Checks.id("agentId", agentId), Checks.id("itemId", itemId)));
  }

  @Override
  public CompletionStage<Void> complete(String agentId, String itemId, Outcome outcome) {
    Objects.requireNonNull(outcome, "outcome");
    return send(new Command.Complete(Checks.id("agentId", agentId), Checks.id("itemId", itemId),
        outcome));
  }

  @Override
  public CompletionStage<Void> finishWrapUp(String agentId, String itemId) {
    return send(new Command.FinishWrapUp(Checks.id("agentId", agentId),
        Checks.id("itemId", itemId)));
  }

  @Override
  public CompletionStage<Void> transfer(String itemId, TransferTarget target) {
    Objects.requireNonNull(target, "target");
    if (target instanceof TransferTarget.ToQueue q) {
      try {
        registry.policy(q.queue());
      } catch (CommandRejectedException e) {
        return rejected(e);
      }
    }
    return send(new Command.Transfer(Checks.id("itemId", itemId), target));
  }

  @Override
  public CompletionStage<Void> cancel(String itemId) {
    return send(new Command.Cancel(Checks.id("itemId", itemId)));
  }

  @Override
  public CompletionStage<Void> abandon(String itemId) {
    return send(new Command.Abandon(Checks.id("itemId", itemId)));
  }

  @Override
  public CompletionStage<Void> followUp(String conversationId, Map<String, ?> attributes) {
    Objects.requireNonNull(attributes, "attributes");
    return send(new Command.FollowUp(Checks.id("conversationId", conversationId),
        Attributes.copy(attributes)));
  }

  @Override
  public CompletionStage<Void> awaitCustomer(String agentId, String itemId) {
    return send(new Command.AwaitCustomer(Checks.id("agentId", agentId),
        Checks.id("itemId", itemId)));
  }

  @Override
  public Supervisor supervisor() {
    return supervisor;
  }

  @Override
  public CompletionStage<EngineSnapshot> snapshot() {
    return send(new Command.Snapshot(this));
  }
}
