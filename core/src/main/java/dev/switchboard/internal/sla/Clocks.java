package dev.switchboard.internal.sla;

import dev.switchboard.internal.engine.StateImage;

import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaPolicy;

/**
 * One item's SLA clocks: deadlines, whether each still runs, warned or breached, its timers.
 * Every queued item with a target keeps one, so the state is plain fields (one object of about
 * 64 B) rather than small arrays (which cost four more objects and about 130 B per item). The
 * flags use the bit layout of {@link StateImage.ClocksImage#flags()}: running at bit
 * {@code clock}, warned at {@code 2 + clock}, breached at {@code 4 + clock}, paused at 6.
 */
final class Clocks {

  private static final int PAUSED = 1 << 6;

  /** The policy that applies, or null for an item with only its own first-response target. */
  final SlaPolicy policy;
  private long firstResponseDeadline;
  private long resolutionDeadline;
  private int flags;
  /** While paused: time left to the resolution deadline, and to its warning (-1 if past). */
  private long leftToDeadline;
  private long leftToWarning;
  private Timer firstResponseWarnTimer;
  private Timer resolutionWarnTimer;
  Timer resolutionTimer;

  Clocks(SlaPolicy policy, long firstResponse, long resolution) {
    this.policy = policy;
    firstResponseDeadline = firstResponse;
    resolutionDeadline = resolution;
    flags = (firstResponse != Long.MAX_VALUE ? 1 : 0) | (resolution != Long.MAX_VALUE ? 2 : 0);
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

  long deadline(SlaClock clock) {
    return clock == SlaClock.FIRST_RESPONSE ? firstResponseDeadline : resolutionDeadline;
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
    flags |= PAUSED;
    leftToDeadline = resolutionDeadline - now;
    Timer warn = resolutionWarnTimer;
    leftToWarning = warn != null && warn.isScheduled() ? warn.deadline() - now : -1;
  }

  /** Runs the resolution clock again from now; returns the time left to the warning, or -1. */
  long resume(long now) {
    flags &= ~PAUSED;
    long d = now + leftToDeadline;
    resolutionDeadline = leftToDeadline > 0 && d < now ? Long.MAX_VALUE - 1 : d; // saturate, stay finite
    return leftToWarning;
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

  Timer warnTimer(SlaClock clock, LiveItem item) {
    if (clock == SlaClock.FIRST_RESPONSE) {
      if (firstResponseWarnTimer == null) {
        firstResponseWarnTimer = new Timer(Timer.Kind.SLA_WARNING, item);
      }
      return firstResponseWarnTimer;
    }
    if (resolutionWarnTimer == null) {
      resolutionWarnTimer = new Timer(Timer.Kind.RESOLUTION_WARNING, item);
    }
    return resolutionWarnTimer;
  }

  /** The clocks as values, for journal snapshots. */
  StateImage.ClocksImage image() {
    return new StateImage.ClocksImage(firstResponseDeadline, resolutionDeadline, flags,
        leftToDeadline, leftToWarning);
  }

  /** Clocks of an image; their timers are made, not scheduled. */
  static Clocks of(SlaPolicy policy, StateImage.ClocksImage image, LiveItem item) {
    Clocks c = new Clocks(policy, image.firstResponse(), image.resolution());
    c.flags = image.flags() & (running(0) | running(1) | warned(0) | warned(1) | breached(0)
        | breached(1) | PAUSED);
    c.leftToDeadline = image.leftToDeadline();
    c.leftToWarning = image.leftToWarning();
    if (policy != null && image.resolution() != Long.MAX_VALUE) {
      c.resolutionTimer = new Timer(Timer.Kind.RESOLUTION, item); // as admitted made it
    }
    return c;
  }

  /** The clocks' scheduled timers. */
  void scheduled(java.util.List<Timer> out) {
    for (Timer t : new Timer[] {firstResponseWarnTimer, resolutionWarnTimer, resolutionTimer}) {
      if (t != null && t.isScheduled()) {
        out.add(t);
      }
    }
  }

  Timer existingWarnTimer(SlaClock clock) {
    return clock == SlaClock.FIRST_RESPONSE ? firstResponseWarnTimer : resolutionWarnTimer;
  }
}
