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
  /** Lanes made so far, seeding each lane's node heights so runs repeat exactly. */
  private long lanesMade;

  /** A matcher over the engine's state. */
  public IndexedMatcher(EngineView view) {
    this.view = view;
    this.strategy = view.strategy();
    this.lanesByChannel = new ArrayList<>();
    for (int c = 0; c < view.registry().channelCount(); c++) {
      lanesByChannel.add(new ArrayList<>());
    }
  }

  /**
   * Per-agent bookkeeping: the agent's node in every lane admitting it, whether it was counted as
   * logged in, and the fields the agent orders compare, as they were before the change under way.
   */
  private static final class Slot {
    final List<FreeAgents.Node<Lane>> lanes = new ArrayList<>();
    boolean countedLoggedIn;
    long lastActivity;
    int totalLoad;
    int totalCapacity;

    void remember(LiveAgent agent) {
      lastActivity = agent.lastActivity();
      totalLoad = agent.totalLoad();
      totalCapacity = agent.totalCapacity();
    }

    /**
     * True when the agent's place in the strategy's order may have moved since {@link
     * #remember}: the idle stamp, and the load only for the occupancy order. Round robin orders
     * by the fixed sequence, and proficiency is fixed while the definition is.
     */
    boolean moved(LiveAgent agent, SelectionStrategy strategy) {
      return switch (strategy) {
        case ROUND_ROBIN -> false;
        case LONGEST_IDLE, HIGHEST_PROFICIENCY -> lastActivity != agent.lastActivity();
        case LEAST_OCCUPIED -> lastActivity != agent.lastActivity()
            || totalLoad != agent.totalLoad() || totalCapacity != agent.totalCapacity();
      };
    }
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
        if (agent.meets(lane.eligibility)) {
          slot.lanes.add(lane.free.node(agent, lane));
        }
      }
    }
    slot.remember(agent);
    afterAgentChange(agent);
  }

  @Override
  public void agentRemoved(LiveAgent agent) {
    Slot slot = slot(agent);
    for (FreeAgents.Node<Lane> node : slot.lanes) {
      node.lane.free.remove(node);
      if (slot.countedLoggedIn) {
        node.lane.loggedIn--;
      }
    }
    agent.indexData = null;
  }

  @Override
  public void beforeAgentChange(LiveAgent agent) {
    slot(agent).remember(agent);
  }

  /**
   * Moves the agent's nodes only where needed: out of lanes where it is no longer free or where
   * its place in the order changed, into lanes where it is free and not linked. A change that
   * leaves the ordering fields and the freedom alone (an accept, mostly) touches no list.
   */
  @Override
  public void afterAgentChange(LiveAgent agent) {
    Slot slot = slot(agent);
    boolean moved = slot.moved(agent, strategy);
    boolean loggedIn = agent.presence().loggedIn();
    int loggedInDelta = loggedIn == slot.countedLoggedIn ? 0 : (loggedIn ? 1 : -1);
    List<FreeAgents.Node<Lane>> nodes = slot.lanes;
    for (int i = 0; i < nodes.size(); i++) {
      FreeAgents.Node<Lane> node = nodes.get(i);
      Lane lane = node.lane;
      boolean free = agent.isFree(lane.channel());
      if (node.linked() && (moved || !free)) {
        lane.free.remove(node);
      }
      if (free && !node.linked()) {
        lane.free.add(node);
      }
      lane.loggedIn += loggedInDelta;
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
      int cursor = view.roundRobinCursor();
      best = firstAccepting(item, lane.free.firstAfter(cursor), Integer.MAX_VALUE);
      if (best == null) {
        best = firstAccepting(item, lane.free.first(), cursor);
      }
    } else {
      best = firstAccepting(item, lane.free.first(), Integer.MAX_VALUE);
    }
    dropIfTransient(lane);
    return best;
  }

  /**
   * The first agent from {@code node} on, up to the one with sequence {@code last} (inclusive,
   * for the wrapped half of round robin), that has not declined the item.
   */
  private static LiveAgent firstAccepting(LiveItem item, FreeAgents.Node<Lane> node, int last) {
    for (FreeAgents.Node<Lane> n = node; n != null && n.agent.sequence() <= last; n = n.next()) {
      if (!item.declinedBy(n.agent)) {
        return n.agent;
      }
    }
    return null;
  }

  @Override
  public LiveItem bestItem(LiveAgent agent) {
    LiveItem personal = null;
    LiveItem shared = null;
    List<FreeAgents.Node<Lane>> nodes = slot(agent).lanes;
    for (int i = 0; i < nodes.size(); i++) {
      Lane lane = nodes.get(i).lane;
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
    List<FreeAgents.Node<Lane>> lanes = slot(agent).lanes;
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i).lane;
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
      lane = new Lane(eligibility, Orders.agents(strategy, eligibility), ++lanesMade);
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

  private static void join(Lane lane, LiveAgent agent) {
    if (agent != null && agent.meets(lane.eligibility)) {
      Slot slot = slot(agent);
      FreeAgents.Node<Lane> node = lane.free.node(agent, lane);
      slot.lanes.add(node);
      if (agent.isFree(lane.channel())) {
        lane.free.add(node);
      }
      if (slot.countedLoggedIn) {
        lane.loggedIn++;
      }
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
        slot(agent).lanes.removeIf(node -> node.lane == lane);
      }
    }
  }
}
