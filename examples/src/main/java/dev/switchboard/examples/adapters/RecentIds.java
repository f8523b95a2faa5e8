package dev.switchboard.examples.adapters;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids an adapter saw most recently, such as the provider message ids the engine already owns,
 * so that a provider's retry is answered at once without spending the sender's flood allowance.
 * Bounded: the {@code capacity} most recently added are remembered. Thread-safe.
 */
public final class RecentIds {

  private final Map<String, Boolean> ids;

  /** A memory of the last {@code capacity} ids. */
  public RecentIds(int capacity) {
    Options.atLeast(capacity, 1, "capacity");
    ids = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Remembers the id. */
  public void add(String id) {
    synchronized (ids) {
      ids.put(id, Boolean.TRUE);
    }
  }

  /** Whether the id is remembered. */
  public boolean contains(String id) {
    synchronized (ids) {
      return ids.containsKey(id);
    }
  }
}
