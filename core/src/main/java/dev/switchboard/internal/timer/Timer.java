package dev.switchboard.internal.timer;

/**
 * A deadline the engine loop acts on: an offer expiring, a policy step running out, a wrap-up
 * ending, an SLA passing. Owned by the loop thread; reused for the life of what it times.
 */
public final class Timer {

  /**
   * What the timer is for. {@code SLA} is the first-response breach; the warnings and the
   * resolution breach belong to the SLA tracker; {@code BLEND} retries campaign blending when a
   * pacing window moves on. {@code HOST} timers belong to the channel host (delivery timeouts and
   * retries); their subject is a {@link Runnable} the loop runs when they fall due.
   */
  public enum Kind {
    OFFER, STEP, WRAP_UP, SLA, DECLINES, HOST, SLA_WARNING, RESOLUTION_WARNING, RESOLUTION, BLEND,
    OVERLOAD
  }

  private final Kind kind;
  private final Object subject;
  long deadline;
  long sequence;
  int heapIndex = -1;

  /** A timer of the kind for the subject (an item), not yet scheduled. */
  public Timer(Kind kind, Object subject) {
    this.kind = kind;
    this.subject = subject;
  }

  /** What the timer is for. */
  public Kind kind() {
    return kind;
  }

  /** The item (or other subject) the timer belongs to. */
  public Object subject() {
    return subject;
  }

  /** The deadline in epoch nanoseconds; meaningful while scheduled. */
  public long deadline() {
    return deadline;
  }

  /** Among timers with the same deadline, lower fires first; meaningful while scheduled. */
  public long order() {
    return sequence;
  }

  /** True while the timer is in a queue. */
  public boolean isScheduled() {
    return heapIndex >= 0;
  }
}
