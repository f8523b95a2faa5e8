package dev.switchboard.campaign;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of an agent's time a campaign may take.
 *
 * @since 0.1
 */
public sealed interface Pacing {

  /**
   * Campaign work is blended in while the campaign's share of the agent's busy time (time holding
   * any work) over the trailing window is below the target: {@code share(0.2, Duration.ofDays(7))}
   * is "a fifth of Ted's working week".
   */
  static Pacing share(double target, Duration window) {
    return new Share(target, window);
  }

  /** Campaign work is blended in only when the agent holds nothing at all, with no share limit. */
  static Pacing onlyWhenIdle() {
    return OnlyWhenIdle.INSTANCE;
  }

  /**
   * A target share of busy time.
   *
   * @param target above 0, at most 1
   * @param window the trailing window measured, at least one minute
   */
  record Share(double target, Duration window) implements Pacing {
    /** Checks the fields. */
    public Share {
      if (!(target > 0 && target <= 1)) {
        throw new IllegalArgumentException("pacing share target is " + target
            + "; allowed: above 0, at most 1");
      }
      Objects.requireNonNull(window, "window");
      if (window.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException("pacing window is " + window
            + "; allowed: at least one minute");
      }
    }
  }

  /** Only when the agent is idle. */
  enum OnlyWhenIdle implements Pacing {
    /** The only instance. */
    INSTANCE
  }
}
