package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.journal.JournalFencedException;

/**
 * Refusals of an engine whose journal another node has taken over: {@code NOT_LEADER} rather
 * than {@code ENGINE_FAILED}, so that a caller knows to go to the domain's current leader.
 */
final class NotLeader {

  /** Causes followed at most, in case a chain loops back on itself. */
  private static final int MAX_DEPTH = 32;

  private NotLeader() {}

  /** The fencing behind a failure (the failure itself or a cause of it), or null if none. */
  static JournalFencedException fencedCause(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
      if (t instanceof JournalFencedException fenced) {
        return fenced;
      }
      t = t.getCause();
    }
    return null;
  }

  /**
   * The refusal of a call because of the fencing; {@code what} says what became of the call.
   * The message carries the journal's, which names the node that took over when it knows it.
   */
  static CommandRejectedException refusal(JournalFencedException fenced, String what,
      Throwable cause) {
    return new CommandRejectedException(Reason.NOT_LEADER, "this engine no longer leads its"
        + " routing domain (" + fenced.getMessage() + "); " + what + "; nothing more is applied"
        + " here: send the command to the domain's current leader", cause);
  }
}
