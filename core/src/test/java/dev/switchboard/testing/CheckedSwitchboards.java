package dev.switchboard.testing;

import dev.switchboard.ManualSwitchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.TestSwitchboards;

/**
 * Manual engines whose invariants are checked after every step, for the tests of modules built
 * on the core. Typed by the public {@link ManualSwitchboard} so that those tests, compiled inside
 * their own JPMS module, never name the core's internals.
 */
public final class CheckedSwitchboards {

  private CheckedSwitchboards() {}

  /** What {@code builder.buildManual()} builds, checking the invariants after every step. */
  public static ManualSwitchboard checked(SwitchboardBuilder builder) {
    return TestSwitchboards.checked(builder);
  }
}
