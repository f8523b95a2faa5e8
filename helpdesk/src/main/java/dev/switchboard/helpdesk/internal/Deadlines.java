package dev.switchboard.helpdesk.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The help desk's own timeouts (classifier, confirmation, crowd limits), ordered by deadline and
 * then by scheduling order so equal deadlines fire deterministically. O(log n) per operation.
 * Guarded by the desk's lock. Kept apart from the engine's {@code DeadlineQueue}, whose timer kinds
 * belong to the engine.
 */
public final class Deadlines {

  /** A scheduled action; pass it to {@link #cancel} to take it back. */
  public record Deadline(Instant at, long sequence, Runnable action) {}

  private final TreeSet<Deadline> pending = new TreeSet<>(
      Comparator.comparing(Deadline::at).thenComparingLong(Deadline::sequence));
  private long sequence;

  /** Schedules the action {@code after} from {@code now} (never beyond the end of time). */
  public Deadline schedule(Instant now, Duration after, Runnable action) {
    Instant at;
    try {
      at = now.plus(after);
    } catch (DateTimeException | ArithmeticException e) {
      at = Instant.MAX;
    }
    Deadline d = new Deadline(at, sequence++, action);
    pending.add(d);
    return d;
  }

  /** Takes the deadline back; nothing happens for null or one already fired. */
  public void cancel(Deadline d) {
    if (d != null) {
      pending.remove(d);
    }
  }

  /** Removes and returns the earliest deadline due at {@code now}, or null. */
  public Deadline pollDue(Instant now) {
    if (pending.isEmpty() || pending.first().at().isAfter(now)) {
      return null;
    }
    return pending.pollFirst();
  }

  /** When the earliest deadline falls due. */
  public Optional<Instant> next() {
    return pending.isEmpty() ? Optional.empty() : Optional.of(pending.first().at());
  }
}
