package dev.switchboard.internal.sla;

import dev.switchboard.internal.image.StateImage;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaPolicy;

/**
 * One item's SLA clocks: deadlines, whether each still runs, warned or breached, its timers.
 * Every queued item with a target keeps one, so the state is plain fields rather than small
 * arrays, and an item with only its own first-response target (no policy: no resolution clock,
 * no warnings, no timers of the tracker's) keeps just this 24 B object; items under a policy
 * keep a {@link WithPolicy} (64 B). The flags use the bit layout of
 * {@link StateImage.ClocksImage#flags()}: running at bit {@code clock}, warned at
 * {@code 2 + clock}, breached at {@code 4 + clock}, paused at 6.
 */
class Clocks {

  private static final int PAUSED = 1 << 6;
  private static final int ALL = running(0) | running(1) | warned(0) | warned(1) | breached(0)
      | breached(1) | PAUSED;

  private int flags;
  private final long firstResponseDeadline;

  private Clocks(long firstResponse, long resolution) {
    firstResponseDeadline = firstResponse;
    flags = (firstResponse != Long.MAX_VALUE ? 1 : 0) | (resolution != Long.MAX_VALUE ? 2 : 0);
  }

  /** New clocks for an item admitted under the policy (or none) with the deadlines. */
  static Clocks of(SlaPolicy policy, long firstResponse, long resolution) {
    return policy == null && resolution == Long.MAX_VALUE ? new Clocks(firstResponse, resolution)
        : new WithPolicy(policy, firstResponse, resolution);
  }

  private static int running(int i) {
    return 1 << i;
  }

  private static int warned(int i) {
    return 1 << (2 + i);
  }

  private static int breached(int i) {
    return 1 << (4 + i);
  }

  /** The policy that applies, or null for an item with only its own first-response target. */
  SlaPolicy policy() {
    return null;
  }

  long deadline(SlaClock clock) {
    return clock == SlaClock.FIRST_RESPONSE ? firstResponseDeadline : resolutionDeadline();
  }

  long resolutionDeadline() {
    return Long.MAX_VALUE;
  }

  boolean running(SlaClock clock) {
    return (flags & running(clock.ordinal())) != 0;
  }

  void stop(SlaClock clock) {
    flags &= ~running(clock.ordinal());
  }

  boolean breached(SlaClock clock) {
    return (flags & breached(clock.ordinal())) != 0;
  }

  void markWarned(SlaClock clock) {
    flags |= warned(clock.ordinal());
  }

  void markBreached(SlaClock clock) {
    flags |= breached(clock.ordinal());
  }

  boolean paused() {
    return (flags & PAUSED) != 0;
  }

  /** Stops the resolution clock for now, remembering how far its deadline and warning were. */
  void pause(long now) {
    throw new IllegalStateException("an item without an SLA policy has no resolution clock");
  }

  /**
   * Runs the resolution clock again from now; returns when its warning is due, or -1 when it
   * warned already.
   */
  long resume(long now) {
    throw new IllegalStateException("an item without an SLA policy has no resolution clock");
  }

  /** True while a clock that warned or breached still runs: the item's work is at risk. */
  boolean atRisk() {
    for (int i = 0; i < 2; i++) {
      if ((flags & running(i)) != 0 && !(i == 1 && paused())
          && (flags & (warned(i) | breached(i))) != 0) {
        return true;
      }
    }
    return false;
  }

  /** The warning timer of the clock, made on first use. */
  Timer<LiveItem> warnTimer(SlaClock clock, LiveItem item, Timer.Action<LiveItem> action) {
    throw new IllegalStateException("an item without an SLA policy has no " + clock + " warning");
  }

  /** The resolution breach timer, or null when the item has none. */
  Timer<LiveItem> resolutionTimer() {
    return null;
  }

  /** The warning timer of the clock if it was ever made, else null. */
  Timer<LiveItem> existingWarnTimer(SlaClock clock) {
    return null;
  }

  /** The clocks' scheduled timers. */
  void scheduled(java.util.List<Timer<?>> out) {}

  /** The clocks as values, for journal snapshots. */
  StateImage.ClocksImage image() {
    return new StateImage.ClocksImage(firstResponseDeadline, Long.MAX_VALUE, flags, 0, 0);
  }

  /** Clocks of an image; their timers are made, not scheduled. */
  static Clocks of(SlaPolicy policy, StateImage.ClocksImage image, LiveItem item,
      Timer.Action<LiveItem> resolutionBreach) {
    int flags = image.flags() & ALL;
    boolean bare = policy == null && image.resolution() == Long.MAX_VALUE
        && (flags & (running(1) | PAUSED)) == 0 && image.leftToDeadline() == 0
        && image.leftToWarning() == 0;
    Clocks c = bare ? new Clocks(image.firstResponse(), image.resolution())
        : new WithPolicy(policy, image.firstResponse(), image.resolution());
    c.flags = flags;
    if (c instanceof WithPolicy w) {
      w.leftToDeadline = image.leftToDeadline();
      w.leftToWarning = image.leftToWarning();
      if (policy != null && image.resolution() != Long.MAX_VALUE) {
        w.resolutionTimer = new Timer<>(resolutionBreach, item); // as admitted made it
      }
    }
    return c;
  }

  /** The clocks of an item under a policy: a resolution clock, warnings and their timers. */
  static final class WithPolicy extends Clocks {

    private final SlaPolicy policy;
    private long resolutionDeadline;
    /** While paused: time left to the resolution deadline, and to its warning (-1 if past). */
    private long leftToDeadline;
    private long leftToWarning;
    private Timer<LiveItem> firstResponseWarnTimer;
    private Timer<LiveItem> resolutionWarnTimer;
    private Timer<LiveItem> resolutionTimer;

    private WithPolicy(SlaPolicy policy, long firstResponse, long resolution) {
      super(firstResponse, resolution);
      this.policy = policy;
      resolutionDeadline = resolution;
    }

    @Override
    SlaPolicy policy() {
      return policy;
    }

    @Override
    long resolutionDeadline() {
      return resolutionDeadline;
    }

    /** Remembers the running time left (open time, under a calendar) to deadline and warning. */
    @Override
    void pause(long now) {
      super.flags |= PAUSED;
      BusinessCalendar calendar = BusinessTime.calendar(policy);
      leftToDeadline = BusinessTime.between(calendar, now, resolutionDeadline);
      Timer<LiveItem> warn = resolutionWarnTimer;
      leftToWarning = warn != null && warn.isScheduled()
          ? BusinessTime.between(calendar, now, warn.deadline()) : -1;
    }

    @Override
    long resume(long now) {
      super.flags &= ~PAUSED;
      BusinessCalendar calendar = BusinessTime.calendar(policy);
      long d = BusinessTime.after(calendar, now, leftToDeadline);
      // saturate, but stay finite: a resumed clock keeps a deadline
      resolutionDeadline = d == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : d;
      return leftToWarning < 0 ? -1 : BusinessTime.after(calendar, now, leftToWarning);
    }

    @Override
    Timer<LiveItem> warnTimer(SlaClock clock, LiveItem item, Timer.Action<LiveItem> action) {
      if (clock == SlaClock.FIRST_RESPONSE) {
        if (firstResponseWarnTimer == null) {
          firstResponseWarnTimer = new Timer<>(action, item);
        }
        return firstResponseWarnTimer;
      }
      if (resolutionWarnTimer == null) {
        resolutionWarnTimer = new Timer<>(action, item);
      }
      return resolutionWarnTimer;
    }

    /** Makes the resolution breach timer (unscheduled) and returns it. */
    Timer<LiveItem> newResolutionTimer(LiveItem item, Timer.Action<LiveItem> action) {
      resolutionTimer = new Timer<>(action, item);
      return resolutionTimer;
    }

    @Override
    Timer<LiveItem> resolutionTimer() {
      return resolutionTimer;
    }

    @Override
    Timer<LiveItem> existingWarnTimer(SlaClock clock) {
      return clock == SlaClock.FIRST_RESPONSE ? firstResponseWarnTimer : resolutionWarnTimer;
    }

    @Override
    void scheduled(java.util.List<Timer<?>> out) {
      for (Timer<LiveItem> t : java.util.Arrays.asList(firstResponseWarnTimer, resolutionWarnTimer,
          resolutionTimer)) {
        if (t != null && t.isScheduled()) {
          out.add(t);
        }
      }
    }

    @Override
    StateImage.ClocksImage image() {
      return new StateImage.ClocksImage(deadline(SlaClock.FIRST_RESPONSE), resolutionDeadline,
          super.flags, leftToDeadline, leftToWarning);
    }
  }
}
