package dev.switchboard.internal.timer;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A deadline the engine loop acts on: an offer expiring, a policy step running out, a wrap-up
 * ending, an SLA passing, a delivery attempt timing out. It carries its typed subject and the
 * {@link Action} that knows what to do with it, so the loop fires a due timer without knowing
 * what it is for. Owned by the loop thread; reused for the life of what it times.
 *
 * @param <S> what the timer belongs to: an item, an agent, a delivery, the blender
 */
public final class Timer<S> {

  /**
   * What the timer is for, as journal snapshots record it. {@code SLA} is the first-response
   * breach; the warnings and the resolution breach belong to the SLA tracker; {@code BLEND}
   * retries campaign blending when a pacing window moves on; {@code HOST} timers belong to the
   * channel host (delivery timeouts and retries); {@code OVERLOAD} re-checks an agent's personal
   * backlog; {@code HOURS} opens a queue with business hours, releasing the work held there.
   */
  public enum Kind {
    OFFER, STEP, WRAP_UP, SLA, DECLINES, HOST, SLA_WARNING, RESOLUTION_WARNING, RESOLUTION, BLEND,
    OVERLOAD, HOURS
  }

  /**
   * What the timers of one kind do when they fall due, and how their subject is named in a
   * snapshot. Made once by the owner of the subjects and shared by all its timers of the kind.
   *
   * @param <S> the subject type
   */
  public static final class Action<S> {
    private final Kind kind;
    private final Consumer<? super S> onDue;
    private final Function<? super S, String> idOf;

    /** Timers of the kind run {@code onDue} on their subject; {@code idOf} names the subject. */
    public Action(Kind kind, Consumer<? super S> onDue, Function<? super S, String> idOf) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.onDue = Objects.requireNonNull(onDue, "onDue");
      this.idOf = Objects.requireNonNull(idOf, "idOf");
    }

    /** The kind of the timers this action fires. */
    public Kind kind() {
      return kind;
    }
  }

  private final Action<S> action;
  private final S subject;
  long deadline;
  long sequence;
  int heapIndex = -1;

  /** A timer firing the action on the subject, not yet scheduled. */
  public Timer(Action<S> action, S subject) {
    this.action = action;
    this.subject = subject;
  }

  /** What the timer is for. */
  public Kind kind() {
    return action.kind;
  }

  /** What the timer belongs to. */
  public S subject() {
    return subject;
  }

  /** The subject's id as snapshots record it: an item, agent or delivery id. */
  public String subjectId() {
    return action.idOf.apply(subject);
  }

  /** Runs the action on the subject; called by the loop once the timer fell due. */
  public void fire() {
    action.onDue.accept(subject);
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
