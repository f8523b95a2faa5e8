package dev.switchboard.testing;

import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import java.time.Instant;
import java.util.Optional;

/** Moving a manual engine's clock the way time passes: every timer fires at its own moment. */
public final class ManualTime {

  private ManualTime() {}

  /**
   * Moves the clock to {@code t}, stopping at each deadline due on the way and draining the
   * engine there, so that timers (openings, offers, SLA) fire at their time, not at {@code t}.
   */
  public static void advance(ManualSwitchboard engine, ManualClock clock, Instant t) {
    engine.drain();
    for (Optional<Instant> next = engine.nextDeadline(); next.isPresent()
        && !next.get().isAfter(t); next = engine.nextDeadline()) {
      clock.set(next.get());
      engine.drain();
    }
    clock.set(t);
    engine.drain();
  }
}
