package dev.switchboard.crowd.internal;

import dev.switchboard.WorkItem;
import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.helpdesk.internal.Deadlines;
import java.time.Duration;
import java.time.Instant;

/**
 * What the crowd book needs from the desk that owns it: the clock reading of the current change,
 * deadlines, switchboard commands and the outbox. Every method is called under the desk's lock.
 */
public interface CrowdHost {

  /** The clock reading of the change being applied. */
  Instant now();

  /** Schedules an action after {@code after} from now. */
  Deadlines.Deadline schedule(Duration after, Runnable action);

  /** Takes a deadline back (null is ignored). */
  void cancel(Deadlines.Deadline deadline);

  /**
   * Submits an item once the change is durable; a rejection comes back as a change of its own
   * ({@link CrowdBook#staffItemRejected}).
   */
  void submit(WorkItem item);

  /** Cancels a live item the crowd no longer needs. */
  void withdraw(String itemId);

  /** Queues a crowd event for the listeners. */
  void emit(CrowdEvent event);

  /** Queues the reward hooks for a ledger entry. */
  void pointsEarned(LedgerEntry entry);
}
