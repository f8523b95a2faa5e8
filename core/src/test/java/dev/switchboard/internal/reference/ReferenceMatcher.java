package dev.switchboard.internal.reference;

import dev.switchboard.ItemState;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.reference.ReferenceRules.Requirement;
import java.util.Comparator;

/**
 * The test oracle for routing decisions: a {@link Matcher} that keeps no state and answers every
 * question by scanning all agents (in the order they were added) or all live items, applying the
 * rules as the public model states them. It is slow on purpose and shares no code with the
 * indexes, so when it and {@code IndexedMatcher} disagree on the same command sequence, one of
 * them has a bug. Build an engine with it through {@code new ManualEngine(config,
 * ReferenceMatcher::new)}.
 */
public final class ReferenceMatcher implements Matcher {

  private final EngineView view;
  private final ReferenceRules rules;

  /** A matcher reading the engine's state afresh for every decision. */
  public ReferenceMatcher(EngineView view) {
    this.view = view;
    this.rules = new ReferenceRules(view);
  }

  // Bookkeeping: a scanning matcher has nothing to keep up to date.

  @Override
  public void agentAdded(LiveAgent agent) {}

  @Override
  public void agentRemoved(LiveAgent agent) {}

  @Override
  public void beforeAgentChange(LiveAgent agent) {}

  @Override
  public void afterAgentChange(LiveAgent agent) {}

  @Override
  public void enqueue(LiveItem item) {}

  @Override
  public void dequeue(LiveItem item) {}

  @Override
  public LiveAgent bestAgent(LiveItem item) {
    Requirement req = rules.requirement(item);
    SelectionStrategy strategy = view.strategy();
    if (strategy == SelectionStrategy.ROUND_ROBIN) {
      return roundRobin(item, req);
    }
    Comparator<LiveAgent> order = switch (strategy) {
      case LONGEST_IDLE -> ReferenceRules.LONGEST_IDLE;
      case LEAST_OCCUPIED -> ReferenceRules.LEAST_OCCUPIED;
      case HIGHEST_PROFICIENCY -> Comparator.comparingInt((LiveAgent a) -> -req.proficiency(a))
          .thenComparing(ReferenceRules.LONGEST_IDLE);
      case ROUND_ROBIN -> throw new AssertionError("handled above");
    };
    LiveAgent best = null;
    for (LiveAgent a : view.agents()) {
      if (canTake(a, item, req) && (best == null || order.compare(a, best) < 0)) {
        best = a;
      }
    }
    return best;
  }

  /** The first candidate added after the last agent offered work, else the first candidate. */
  private LiveAgent roundRobin(LiveItem item, Requirement req) {
    int cursor = view.roundRobinCursor();
    LiveAgent after = null;
    LiveAgent lowest = null;
    for (LiveAgent a : view.agents()) {
      if (!canTake(a, item, req)) {
        continue;
      }
      if (lowest == null || a.sequence() < lowest.sequence()) {
        lowest = a;
      }
      if (a.sequence() > cursor && (after == null || a.sequence() < after.sequence())) {
        after = a;
      }
    }
    return after != null ? after : lowest;
  }

  @Override
  public LiveItem bestItem(LiveAgent agent) {
    LiveItem personal = null;
    LiveItem shared = null;
    for (LiveItem it : view.items()) {
      if (it.state() != ItemState.QUEUED) {
        continue;
      }
      Requirement req = rules.requirement(it);
      if (!canTake(agent, it, req)) {
        continue;
      }
      if (req.personal()) {
        personal = personal == null || ReferenceRules.BACKLOG.compare(it, personal) < 0
            ? it : personal;
      } else {
        shared = shared == null || ReferenceRules.BACKLOG.compare(it, shared) < 0 ? it : shared;
      }
    }
    return ReferenceRules.personalFirst(personal, shared, view.now(), view.affinityOptions());
  }

  @Override
  public java.util.List<LiveItem> waitingFor(LiveAgent agent) {
    java.util.List<LiveItem> out = new java.util.ArrayList<>();
    for (LiveItem it : view.items()) {
      if (it.state() == ItemState.QUEUED) {
        Requirement req = rules.requirement(it);
        if (req.agentIds() != null && req.admits(agent)) {
          out.add(it);
        }
      }
    }
    return out;
  }

  private boolean canTake(LiveAgent agent, LiveItem item, Requirement req) {
    return req.admits(agent)
        && rules.isFree(agent, req.channel())
        && !item.declinedBy(agent);
  }

  @Override
  public java.util.List<LiveItem> unstaffedWaiting() {
    java.util.List<LiveItem> out = new java.util.ArrayList<>();
    for (LiveItem it : view.items()) {
      if (it.state() == dev.switchboard.ItemState.QUEUED && !anyLoggedIn(it.eligibility())) {
        out.add(it);
      }
    }
    return out;
  }

  @Override
  public boolean anyLoggedIn(Eligibility eligibility) {
    Requirement req = rules.requirement(eligibility);
    for (LiveAgent a : view.agents()) {
      if (a.presence().loggedIn() && req.admits(a)) {
        return true;
      }
    }
    return false;
  }
}
