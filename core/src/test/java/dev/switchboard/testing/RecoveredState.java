package dev.switchboard.testing;

import dev.switchboard.ItemState;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.TestSwitchboards;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.loop.ManualEngine;
import dev.switchboard.journal.Journal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an engine rebuilt from a journal holds, in plain collections: for journal tests in other
 * modules, which check what survived a crash without seeing the engine's internals.
 *
 * @param liveItems live item ids to their state, in submission order, duplicates kept apart
 * @param liveIds live item ids in order, as the engine lists them (duplicates would show here)
 * @param finished ids of items that finished (completed, cancelled or abandoned)
 * @param held agent ids to the number of items each holds
 */
public record RecoveredState(Map<String, ItemState> liveItems, List<String> liveIds,
    Set<String> finished, Map<String, Integer> held) {

  /**
   * Starts a manual engine configured by the builder on the journal, reads its state, closes it.
   */
  public static RecoveredState recover(SwitchboardBuilder builder, Journal journal) {
    ManualEngine engine = new ManualEngine(TestSwitchboards.config(builder), IndexedMatcher::new,
        journal);
    try {
      return of(engine.engine().exportState());
    } finally {
      engine.close();
    }
  }

  /** The routing part of a state image. */
  static RecoveredState of(StateImage state) {
    Map<String, ItemState> live = new LinkedHashMap<>();
    state.items().forEach(i -> live.put(i.item().id(), i.state()));
    Map<String, Integer> held = new LinkedHashMap<>();
    state.agents().forEach(a -> held.put(a.definition().id(), a.held().size()));
    return new RecoveredState(live, state.items().stream().map(i -> i.item().id()).toList(),
        Set.copyOf(state.finished()), held);
  }
}
