package dev.switchboard;

import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.reference.CheckedEngine;
import dev.switchboard.internal.reference.ReferenceMatcher;

/**
 * Builds engines for tests from the public builder: the usual manual engine, but with the
 * engine's invariants checked after every step ({@link CheckedEngine}), and optionally deciding
 * with the {@link ReferenceMatcher}. Lives in this package because it reads the builder's
 * package-private configuration.
 */
public final class TestSwitchboards {

  private TestSwitchboards() {}

  /** What {@code builder.buildManual()} builds, checking the invariants after every step. */
  public static CheckedEngine checked(SwitchboardBuilder builder) {
    return CheckedEngine.indexed(builder.config());
  }

  /** Like {@link #checked}, but routing decisions come from the reference matcher. */
  public static CheckedEngine checkedReference(SwitchboardBuilder builder) {
    return CheckedEngine.reference(builder.config());
  }

  /** The configuration the builder would build, for tests of internals. */
  public static EngineConfig config(SwitchboardBuilder builder) {
    return builder.config();
  }

  /** The adapters' configuration the builder would build, for tests of internals. */
  @SuppressWarnings("exports") // read by core's own test-support code only
  public static ChannelConfig channelConfig(SwitchboardBuilder builder) {
    return builder.channelConfig();
  }
}
