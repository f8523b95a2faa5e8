package dev.switchboard.internal.loop;

import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.journal.Journal;

/** Builds engines with the production matcher; called by the public builder. */
public final class Engines {

  private Engines() {}

  /** A started engine with its own loop thread. */
  public static Switchboard threaded(EngineConfig config) {
    return threaded(config, null);
  }

  /** An engine driven by the caller. */
  public static ManualSwitchboard manual(EngineConfig config) {
    return manual(config, null);
  }

  /** A started engine with its own loop thread, recovered from the journal (none if null). */
  public static Switchboard threaded(EngineConfig config, Journal journal) {
    return new ThreadedEngine(config, IndexedMatcher::new, journal);
  }

  /** An engine driven by the caller, recovered from the journal (none if null). */
  public static ManualSwitchboard manual(EngineConfig config, Journal journal) {
    return new ManualEngine(config, IndexedMatcher::new, journal);
  }
}
