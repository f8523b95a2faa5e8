package dev.switchboard.internal.loop;

import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.index.IndexedMatcher;

/** Builds engines with the production matcher; called by the public builder. */
public final class Engines {

  private Engines() {}

  /** A started engine with its own loop thread. */
  public static Switchboard threaded(EngineConfig config) {
    return new ThreadedEngine(config, IndexedMatcher::new);
  }

  /** An engine driven by the caller. */
  public static ManualSwitchboard manual(EngineConfig config) {
    return new ManualEngine(config, IndexedMatcher::new);
  }
}
