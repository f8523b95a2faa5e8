package dev.switchboard;

import dev.switchboard.channel.ChannelHost;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The routing engine: it takes commands from any thread, applies them one at a time on its
 * single engine loop, and reports what it decides as {@link dev.switchboard.event.RoutingEvent}s.
 *
 * <p>Every method checks its arguments on the caller's thread, throwing {@link
 * NullPointerException} or {@link IllegalArgumentException} for malformed ones. It then returns a
 * stage that completes once the loop has applied the command, or fails with a {@link
 * CommandRejectedException} naming what was wrong; a rejected command leaves the engine unchanged.
 * With a {@linkplain SwitchboardBuilder#journal journal} the stage completes only once the
 * command's journal entry, and every earlier one, is as durable as the journal promises.
 * The threaded engine completes stages on one engine-owned callback thread, never on the loop
 * itself, so code chained on a stage must not block (do not {@code join()} another stage inside
 * it); the manual engine completes them on the thread that steps it.
 *
 * <p>Build one with {@link #builder()}. Close it when done: commands sent after {@link #close()}
 * are rejected with {@link CommandRejectedException.Reason#ENGINE_CLOSED}.
 *
 * @since 0.1
 */
public interface Switchboard extends AutoCloseable {

  /** Starts configuring an engine. */
  static SwitchboardBuilder builder() {
    return new SwitchboardBuilder();
  }

  /** Adds an agent, offline; its skills and channels must be registered. */
  CompletionStage<Void> addAgent(Agent agent);

  /**
   * Replaces an agent's definition. Rejected when the agent would hold more than its new capacity;
   * lower capacity once the work has finished.
   */
  CompletionStage<Void> updateAgent(Agent agent);

  /** Removes an agent; its offered and assigned items are routed again, its wrap-ups end. */
  CompletionStage<Void> removeAgent(String agentId);

  /**
   * Sets an agent's presence. Going away or offline takes back outstanding offers (assigned work
   * stays); becoming available offers waiting work up to the agent's capacity.
   */
  CompletionStage<Void> setPresence(String agentId, Presence presence);

  /** Submits work to route. Its id must not be live or recently finished. */
  CompletionStage<Void> submit(WorkItem item);

  /** The agent accepts an item offered to it. */
  CompletionStage<Void> accept(String agentId, String itemId);

  /** The agent rejects an item offered to it; the item is routed again without that agent. */
  CompletionStage<Void> reject(String agentId, String itemId);

  /** The agent completes an assigned item; wrap-up follows when the channel has one. */
  CompletionStage<Void> complete(String agentId, String itemId, Outcome outcome);

  /** The agent finishes wrap-up early, freeing the capacity. */
  CompletionStage<Void> finishWrapUp(String agentId, String itemId);

  /**
   * Sends a queued, offered or assigned item elsewhere. A transfer to a routing expression naming
   * an unregistered skill ({@code UNKNOWN_SKILL}) or an undeclared agent attribute ({@code
   * INVALID_VALUE}) is rejected; one no agent meets is accepted, and the item waits.
   */
  CompletionStage<Void> transfer(String itemId, TransferTarget target);

  /** The host withdraws a live item. */
  CompletionStage<Void> cancel(String itemId);

  /** The customer gave up on a queued or offered item. */
  CompletionStage<Void> abandon(String itemId);

  /**
   * The customer wrote again in a conversation. When the conversation has a live item the
   * message is reported to whoever holds it; otherwise a new item {@code conversationId#n} is
   * created like the conversation's last one and offered first to the agent who last had it.
   */
  CompletionStage<Void> followUp(String conversationId, Map<String, ?> attributes);

  /**
   * The engine's channel adapters: agents' replies, dead letters, adapter status and customer
   * merges. Present (with no adapters) even when none is registered.
   */
  ChannelHost channels();

  /**
   * The agent answered an assigned item and now waits for the customer: the item's SLA resolution
   * clock stands still until the customer's next {@link #followUp} on its conversation (reported
   * as {@code SlaPaused} and {@code SlaResumed}). The agent keeps the item. Rejected with {@code
   * WRONG_STATE} when the item is not assigned or has no conversation.
   */
  CompletionStage<Void> awaitCustomer(String agentId, String itemId);

  /**
   * The supervisor's operations: agents' queues, moving items and accounts, pausing agents,
   * campaigns and who works on them, relationships, and the affinity, SLA and campaign measures.
   */
  Supervisor supervisor();

  /** A consistent picture of agents and live items, taken on the loop. */
  CompletionStage<EngineSnapshot> snapshot();

  /**
   * How many of the callers' commands wait for the engine loop now, out of the builder's {@code
   * commandQueueCapacity} (past which commands are refused with {@code OVERLOADED}): a gauge for
   * monitoring, read at once without the loop, and stale as soon as it returns.
   *
   * @since 0.3
   */
  int queuedCommands();

  /**
   * The engine's own health: commands waiting, command latency, journal entries not yet
   * durable. Read at once without the loop, for monitoring.
   *
   * @since 0.3
   */
  EngineHealth health();

  /**
   * Stops taking commands, applies those already sent, delivers pending events and stops the
   * engine's threads.
   */
  @Override
  void close();
}
