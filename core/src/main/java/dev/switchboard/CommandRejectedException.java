package dev.switchboard;

import java.util.Objects;

/**
 * Why the engine refused a command. The message names the item, agent or field involved and what
 * would have been allowed; the engine is left exactly as it was.
 *
 * @since 0.1
 */
public final class CommandRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The classes of refusal, for programs that react to them. */
  public enum Reason {
    /** No agent has that id. */
    UNKNOWN_AGENT,
    /** No live item has that id. */
    UNKNOWN_ITEM,
    /** No channel with that id is registered. */
    UNKNOWN_CHANNEL,
    /** No skill with that name is registered. */
    UNKNOWN_SKILL,
    /** No queue with that name is configured. */
    UNKNOWN_QUEUE,
    /** No known conversation has that id. */
    UNKNOWN_CONVERSATION,
    /** No campaign has that id. */
    UNKNOWN_CAMPAIGN,
    /** An agent with that id already exists. */
    DUPLICATE_AGENT,
    /** A campaign with that id already exists. */
    DUPLICATE_CAMPAIGN,
    /** An item with that id is live, or finished recently. */
    DUPLICATE_ITEM,
    /** The conversation already has a live item; send a follow-up instead. */
    CONVERSATION_ACTIVE,
    /**
     * A value is wrong only against the engine's state, such as a creation time in the future,
     * or the command is larger than the journal's entry limit.
     */
    INVALID_VALUE,
    /** The item is not in a state that allows the command. */
    WRONG_STATE,
    /** The item is held by another agent, or by none. */
    WRONG_AGENT,
    /** The change would leave an agent holding more than its capacity. */
    OVER_CAPACITY,
    /**
     * The engine is overloaded: its command queue, or an adapter's outbox, is at its bound. Nothing
     * was changed; try again later. Work already accepted is not affected.
     */
    OVERLOADED,
    /** The engine has been closed. */
    ENGINE_CLOSED,
    /**
     * The engine stopped after an unexpected internal failure (a bug, or an error such as running
     * out of memory); the cause is attached. No further command is applied.
     */
    ENGINE_FAILED,
    /**
     * This engine no longer leads its routing domain: another node took its journal over (the
     * journal fenced this one's appends), so nothing more is applied here and the call was not
     * recorded. Send the command to the domain's current leader; the message carries the
     * journal's, which names the node that took over when the journal knows it. The engine has
     * stopped; every call still waiting and every later one is refused the same way.
     *
     * @since 0.3
     */
    NOT_LEADER
  }

  private final Reason reason;

  /** Creates the exception. */
  public CommandRejectedException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates the exception with the failure behind it. */
  public CommandRejectedException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The class of refusal. */
  public Reason reason() {
    return reason;
  }
}
