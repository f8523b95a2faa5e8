package dev.switchboard.benchmarks;

import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.index.IndexedMatcher;
import dev.switchboard.internal.reference.ReferenceMatcher;

/**
 * A matcher that sets a large centre up with the indexed matcher and then, once {@link
 * #switchToMeasured()} is called, answers every question with the matcher under measurement.
 * Filling 100,000 busy agents through the reference matcher's linear scans would take
 * O(agents²) and hours; the state it leaves is the same either way, because both matchers give
 * the same decisions (the differential test checks this). The reference matcher keeps no state,
 * so switching to it needs no hand-over; after the switch the indexed matcher is not told about
 * changes any more and is never asked again.
 */
final class SwitchingMatcher implements Matcher {

  private final Matcher setUp;
  private final Matcher measured;
  private Matcher current;

  private SwitchingMatcher(Matcher setUp, Matcher measured) {
    this.setUp = setUp;
    this.measured = measured;
    this.current = setUp;
  }

  /** The indexed matcher throughout, or the indexed for set-up and the reference afterwards. */
  static SwitchingMatcher create(String kind, EngineView view) {
    IndexedMatcher indexed = new IndexedMatcher(view);
    return switch (kind) {
      case "indexed" -> new SwitchingMatcher(indexed, indexed);
      case "reference" -> new SwitchingMatcher(indexed, new ReferenceMatcher(view));
      default -> throw new IllegalArgumentException("unknown matcher: " + kind);
    };
  }

  /** From now on the matcher under measurement decides. */
  void switchToMeasured() {
    current = measured;
  }

  @Override
  public void agentAdded(LiveAgent agent) {
    current.agentAdded(agent);
  }

  @Override
  public void agentRemoved(LiveAgent agent) {
    current.agentRemoved(agent);
  }

  @Override
  public void beforeAgentChange(LiveAgent agent) {
    current.beforeAgentChange(agent);
  }

  @Override
  public void afterAgentChange(LiveAgent agent) {
    current.afterAgentChange(agent);
  }

  @Override
  public void enqueue(LiveItem item) {
    current.enqueue(item);
  }

  @Override
  public void dequeue(LiveItem item) {
    current.dequeue(item);
  }

  @Override
  public LiveAgent bestAgent(LiveItem item) {
    return current.bestAgent(item);
  }

  @Override
  public LiveItem bestItem(LiveAgent agent) {
    return current.bestItem(agent);
  }

  @Override
  public boolean anyLoggedIn(Eligibility eligibility) {
    return current.anyLoggedIn(eligibility);
  }

  @Override
  public java.util.List<LiveItem> unstaffedWaiting() {
    return current.unstaffedWaiting();
  }

  @Override
  public java.util.List<LiveItem> waitingFor(LiveAgent agent) {
    return current.waitingFor(agent);
  }
}
