package dev.switchboard.internal.engine;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live items by id in submission order, and the ids of the latest finished ones, which are
 * never reused: the engine's book of work.
 */
final class Items {

  final ItemTable live = new ItemTable();
  final Map<String, Boolean> finished;
  long sequence;

  Items(int finishedMemory) {
    this.finished = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > finishedMemory;
      }
    };
  }

  /** Rejects an id that is live or finished. */
  void checkNew(String id) {
    if (live.containsKey(id)) {
      throw new CommandRejectedException(Reason.DUPLICATE_ITEM,
          "item '" + id + "' is already live (" + live.get(id).state + ")");
    }
    if (finished.containsKey(id)) {
      throw new CommandRejectedException(Reason.DUPLICATE_ITEM,
          "item '" + id + "' has already finished; item ids are not reused");
    }
  }

  /** True when the id is live or remembered as finished. */
  boolean inUse(String id) {
    return live.containsKey(id) || finished.containsKey(id);
  }

  /** The live item, or a rejection naming the id. */
  LiveItem require(String id) {
    LiveItem it = live.get(id);
    if (it == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_ITEM, "no live item '" + id + "'"
          + (finished.containsKey(id) ? " (it has finished)" : ""));
    }
    return it;
  }

  LiveItem get(String id) {
    return live.get(id);
  }

  /**
   * The live items the agent holds, oldest first, in a list of their own, so that the caller may
   * move them on while it walks the list.
   */
  List<LiveItem> heldBy(LiveAgent a) {
    List<LiveItem> out = new ArrayList<>(a.totalLoad());
    for (HeldItem h : a.held()) {
      out.add(live.get(h.id()));
    }
    return out;
  }

  void add(LiveItem it) {
    live.put(it);
  }

  /** The item is done: it leaves the live items and its id is remembered. */
  void finish(LiveItem it) {
    live.remove(it.id());
    finished.put(it.id(), Boolean.TRUE);
  }

  Collection<LiveItem> values() {
    return live.values();
  }

  int size() {
    return live.size();
  }
}
