package dev.switchboard.internal.sla;

import dev.switchboard.internal.engine.StateImage;

import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaPolicy;

/** One item's SLA clocks: deadlines, whether each still runs, warned or breached, its timers. */
final class Clocks {

  /** The policy that applies, or null for an item with only its own first-response target. */
  final SlaPolicy policy;
  private final long[] deadline = new long[2];
  private final boolean[] running = new boolean[2];
  private final boolean[] warned = new boolean[2];
  private final boolean[] breached = new boolean[2];
  private boolean paused;
  /** While paused: time left to the resolution deadline, and to its warning (-1 if past). */
  private long leftToDeadline;
  private long leftToWarning;
  private final Timer[] warnTimer = new Timer[2];
  Timer resolutionTimer;

  Clocks(SlaPolicy policy, long firstResponse, long resolution) {
    this.policy = policy;
    deadline[0] = firstResponse;
    deadline[1] = resolution;
    running[0] = firstResponse != Long.MAX_VALUE;
    running[1] = resolution != Long.MAX_VALUE;
  }

  long deadline(SlaClock clock) {
    return deadline[clock.ordinal()];
  }

  boolean running(SlaClock clock) {
    return running[clock.ordinal()];
  }

  void stop(SlaClock clock) {
    running[clock.ordinal()] = false;
  }

  boolean breached(SlaClock clock) {
    return breached[clock.ordinal()];
  }

  void markWarned(SlaClock clock) {
    warned[clock.ordinal()] = true;
  }

  void markBreached(SlaClock clock) {
    breached[clock.ordinal()] = true;
  }

  boolean paused() {
    return paused;
  }

  /** Stops the resolution clock for now, remembering how far its deadline and warning were. */
  void pause(long now) {
    paused = true;
    leftToDeadline = deadline[1] - now;
    Timer warn = warnTimer[1];
    leftToWarning = warn != null && warn.isScheduled() ? warn.deadline() - now : -1;
  }

  /** Runs the resolution clock again from now; returns the time left to the warning, or -1. */
  long resume(long now) {
    paused = false;
    long d = now + leftToDeadline;
    deadline[1] = leftToDeadline > 0 && d < now ? Long.MAX_VALUE - 1 : d; // saturate, stay finite
    return leftToWarning;
  }

  /** True while a clock that warned or breached still runs: the item's work is at risk. */
  boolean atRisk() {
    for (int i = 0; i < 2; i++) {
      if (running[i] && !(i == 1 && paused) && (warned[i] || breached[i])) {
        return true;
      }
    }
    return false;
  }

  Timer warnTimer(SlaClock clock, LiveItem item) {
    int i = clock.ordinal();
    if (warnTimer[i] == null) {
      warnTimer[i] = new Timer(clock == SlaClock.FIRST_RESPONSE ? Timer.Kind.SLA_WARNING
          : Timer.Kind.RESOLUTION_WARNING, item);
    }
    return warnTimer[i];
  }

  /** The clocks as values, for journal snapshots. */
  StateImage.ClocksImage image() {
    int flags = 0;
    for (int i = 0; i < 2; i++) {
      flags |= (running[i] ? 1 : 0) << i | (warned[i] ? 1 : 0) << (2 + i)
          | (breached[i] ? 1 : 0) << (4 + i);
    }
    return new StateImage.ClocksImage(deadline[0], deadline[1], flags | (paused ? 1 << 6 : 0),
        leftToDeadline, leftToWarning);
  }

  /** Clocks of an image; their timers are made, not scheduled. */
  static Clocks of(SlaPolicy policy, StateImage.ClocksImage image, LiveItem item) {
    Clocks c = new Clocks(policy, image.firstResponse(), image.resolution());
    for (int i = 0; i < 2; i++) {
      c.running[i] = (image.flags() & 1 << i) != 0;
      c.warned[i] = (image.flags() & 1 << (2 + i)) != 0;
      c.breached[i] = (image.flags() & 1 << (4 + i)) != 0;
    }
    c.paused = (image.flags() & 1 << 6) != 0;
    c.leftToDeadline = image.leftToDeadline();
    c.leftToWarning = image.leftToWarning();
    if (policy != null && image.resolution() != Long.MAX_VALUE) {
      c.resolutionTimer = new Timer(Timer.Kind.RESOLUTION, item); // as admitted made it
    }
    return c;
  }

  /** The clocks' scheduled timers. */
  void scheduled(java.util.List<Timer> out) {
    for (Timer t : new Timer[] {warnTimer[0], warnTimer[1], resolutionTimer}) {
      if (t != null && t.isScheduled()) {
        out.add(t);
      }
    }
  }

  Timer existingWarnTimer(SlaClock clock) {
    return warnTimer[clock.ordinal()];
  }
}
