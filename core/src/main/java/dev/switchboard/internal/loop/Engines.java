package dev.switchboard.internal.loop;

import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.journal.Journal;

/** Builds engines with the production matcher; called by the public builder. */
public final class Engines {

  private Engines() {}

  /** A started engine with its own loop thread. */
  public static Switchboard threaded(EngineConfig config) {
    return threaded(config, ChannelConfig.NONE, null);
  }

  /**
   * A started engine with its own loop thread, recovered from the journal (none if null), with its
   * channel adapters started.
   */
  public static Switchboard threaded(EngineConfig config, ChannelConfig channels,
      Journal journal) {
    ThreadedEngine engine = new ThreadedEngine(config, IndexedMatcher::new, channels, journal);
    engine.startChannels();
    return engine;
  }

  /** An engine driven by the caller. */
  public static ManualSwitchboard manual(EngineConfig config) {
    return manual(config, ChannelConfig.NONE, null);
  }

  /**
   * An engine driven by the caller, recovered from the journal (none if null), with its channel
   * adapters started; their health reports wait for the caller's first step like any command.
   */
  public static ManualSwitchboard manual(EngineConfig config, ChannelConfig channels,
      Journal journal) {
    ManualEngine engine = new ManualEngine(config, IndexedMatcher::new, channels, journal);
    engine.startChannels();
    return engine;
  }
}
