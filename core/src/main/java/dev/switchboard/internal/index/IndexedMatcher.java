package dev.switchboard.internal.index;

import dev.switchboard.SelectionStrategy;
import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.engine.Orders;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The production matcher. Items and agents meet in {@link Lane}s, one per distinct eligibility,
 * created when an item first needs one. An agent belongs to every lane that admits it; its free
 * capacity puts it in each lane's ordered free set. So "best agent for an item" is the first
 * non-declining agent of one ordered set, O(log agents), and "best item for an agent" compares
 * the heads of the agent's lanes, O(lanes × log backlog); neither scans all agents or all items.
 */
public final class IndexedMatcher implements Matcher {

  private final EngineView view;
  private final SelectionStrategy strategy;
  private final Map<Eligibility, Lane> lanes = new HashMap<>();
  private final List<List<Lane>> lanesByChannel;

  /** A matcher over the engine's state. */
  public IndexedMatcher(EngineView view) {
    this.view = view;
    this.strategy = view.strategy();
    this.lanesByChannel = new ArrayList<>();
    for (int c = 0; c < view.registry().channelCount(); c++) {
      lanesByChannel.add(new ArrayList<>());
    }
  }

  /** Per-agent bookkeeping: the lanes admitting the agent and what it was counted as. */
  private static final class Slot {
    final List<Lane> lanes = new ArrayList<>();
    boolean countedLoggedIn;
  }

  private static Slot slot(LiveAgent agent) {
    return (Slot) agent.indexData;
  }

  @Override
  public void agentAdded(LiveAgent agent) {
    Slot slot = new Slot();
    agent.indexData = slot;
    for (int c = 0; c < lanesByChannel.size(); c++) {
      if (agent.capacity(c) == 0) {
        continue;
      }
      for (Lane lane : lanesByChannel.get(c)) {
        if (lane.eligibility.admits(agent)) {
          slot.lanes.add(lane);
        }
      }
    }
    afterAgentChange(agent);
  }

  @Override
  public void agentRemoved(LiveAgent agent) {
    beforeAgentChange(agent);
    agent.indexData = null;
  }

  @Override
  public void beforeAgentChange(LiveAgent agent) {
    Slot slot = slot(agent);
    for (Lane lane : slot.lanes) {
      lane.free.remove(agent);
      if (slot.countedLoggedIn) {
        lane.loggedIn--;
      }
    }
  }

  @Override
  public void afterAgentChange(LiveAgent agent) {
    Slot slot = slot(agent);
    boolean loggedIn = agent.presence().loggedIn();
    for (Lane lane : slot.lanes) {
      if (agent.isFree(lane.channel())) {
        lane.free.add(agent);
      }
      if (loggedIn) {
        lane.loggedIn++;
      }
    }
    slot.countedLoggedIn = loggedIn;
  }

  @Override
  public void enqueue(LiveItem item) {
    Lane lane = lane(item.eligibility());
    item.indexData = lane;
    lane.waiting.add(item);
  }

  @Override
  public void dequeue(LiveItem item) {
    Lane lane = (Lane) item.indexData;
    lane.waiting.remove(item);
    item.indexData = null;
    dropIfTransient(lane);
  }

  @Override
  public LiveAgent bestAgent(LiveItem item) {
    Lane lane = lane(item.eligibility());
    LiveAgent best;
    if (strategy == SelectionStrategy.ROUND_ROBIN) {
      LiveAgent cursor = LiveAgent.probe(view.roundRobinCursor());
      best = firstAccepting(item, lane.free.tailSet(cursor, false));
      if (best == null) {
        best = firstAccepting(item, lane.free.headSet(cursor, true));
      }
    } else {
      best = firstAccepting(item, lane.free);
    }
    dropIfTransient(lane);
    return best;
  }

  private static LiveAgent firstAccepting(LiveItem item, Iterable<LiveAgent> agents) {
    for (LiveAgent a : agents) {
      if (!item.declinedBy(a)) {
        return a;
      }
    }
    return null;
  }

  @Override
  public LiveItem bestItem(LiveAgent agent) {
    LiveItem personal = null;
    LiveItem shared = null;
    for (Lane lane : slot(agent).lanes) {
      if (lane.waiting.isEmpty() || !agent.isFree(lane.channel())) {
        continue;
      }
      if (lane.eligibility.personal()) {
        personal = headBefore(lane, agent, personal);
      } else {
        shared = headBefore(lane, agent, shared);
      }
    }
    return view.personalOrShared(personal, shared);
  }

  /** The lane's first item the agent has not declined, if it comes before {@code best}. */
  private static LiveItem headBefore(Lane lane, LiveAgent agent, LiveItem best) {
    for (LiveItem item : lane.waiting) {
      if (best != null && Orders.BACKLOG.compare(item, best) >= 0) {
        break;
      }
      if (!item.declinedBy(agent)) {
        return item;
      }
    }
    return best;
  }

  @Override
  public List<LiveItem> waitingFor(LiveAgent agent) {
    List<LiveItem> out = null; // allocated only when some personal lane has an item waiting
    List<Lane> lanes = slot(agent).lanes;
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      if (lane.eligibility.agents() != null && !lane.waiting.isEmpty()) {
        if (out == null) {
          out = new ArrayList<>();
        }
        out.addAll(lane.waiting);
      }
    }
    return out == null ? List.of() : out;
  }

  @Override
  public boolean anyLoggedIn(Eligibility eligibility) {
    Lane lane = lane(eligibility);
    boolean any = lane.loggedIn > 0;
    dropIfTransient(lane);
    return any;
  }

  @Override
  public List<LiveItem> unstaffedWaiting() {
    List<LiveItem> out = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      if (lane.loggedIn == 0 && !lane.waiting.isEmpty()) {
        out.addAll(lane.waiting);
      }
    }
    return out;
  }

  /** Lanes created so far (for tests and benchmarks). */
  public int laneCount() {
    return lanes.size();
  }

  private Lane lane(Eligibility eligibility) {
    Lane lane = lanes.get(eligibility);
    if (lane == null) {
      lane = new Lane(eligibility, Orders.agents(strategy, eligibility));
      lanes.put(eligibility, lane);
      lanesByChannel.get(eligibility.channel()).add(lane);
      if (eligibility.agents() != null) {
        for (String id : eligibility.agents()) {
          join(lane, view.findAgent(id));
        }
      } else {
        for (LiveAgent agent : view.agents()) {
          join(lane, agent);
        }
      }
    }
    return lane;
  }

  private void join(Lane lane, LiveAgent agent) {
    if (agent != null && lane.eligibility.admits(agent)) {
      beforeAgentChange(agent);
      slot(agent).lanes.add(lane);
      afterAgentChange(agent);
    }
  }

  /**
   * Drops an idle lane of named agents (a transfer to one agent, or a step naming agents), so that
   * transfers to ever more agents do not grow the index; such a lane costs only its named agents
   * to build again. Lanes by skill stay: rebuilding one scans every agent.
   */
  private void dropIfTransient(Lane lane) {
    Eligibility e = lane.eligibility;
    if (e.agents() == null || !lane.waiting.isEmpty()) {
      return;
    }
    lanes.remove(e);
    lanesByChannel.get(e.channel()).remove(lane);
    for (String id : e.agents()) {
      LiveAgent agent = view.findAgent(id);
      if (agent != null && agent.indexData != null) {
        slot(agent).lanes.remove(lane);
      }
    }
  }
}
