package dev.switchboard.sim;

import java.util.Arrays;

/**
 * A replication's future events, earliest first and in scheduling order among equal times: a
 * binary heap kept in parallel arrays, so that scheduling an event makes no object and comparing
 * two reads two longs. {@link #poll} moves the earliest event into the {@code kind()}, {@code
 * index()}, {@code itemId()} and {@code agentId()} fields until the next poll.
 *
 * @param <K> the kinds of event
 */
final class EventQueue<K> {

  private long[] at = new long[64];
  private long[] seq = new long[64];
  private Object[] kinds = new Object[64];
  private int[] indexes = new int[64];
  private String[] itemIds = new String[64];
  private String[] agentIds = new String[64];
  private int size;
  private long nextSeq;

  private K kind;
  private int index;
  private String itemId;
  private String agentId;

  boolean isEmpty() {
    return size == 0;
  }

  /** When the earliest event happens; only when not empty. */
  long peekAt() {
    return at[0];
  }

  /** Schedules an event; among events at the same time, earlier calls come out first. */
  void add(long time, K kind, int index, String itemId, String agentId) {
    if (size == at.length) {
      grow();
    }
    long s = nextSeq++;
    int i = size++;
    while (i > 0) { // sift up: move parents down until the new event's place is found
      int parent = (i - 1) >>> 1;
      if (!before(time, s, at[parent], seq[parent])) {
        break;
      }
      move(parent, i);
      i = parent;
    }
    set(i, time, s, kind, index, itemId, agentId);
  }

  /** Takes the earliest event off the queue, into the current fields; only when not empty. */
  @SuppressWarnings("unchecked")
  void poll() {
    kind = (K) kinds[0];
    index = indexes[0];
    itemId = itemIds[0];
    agentId = agentIds[0];
    int last = --size;
    long time = at[last];
    long s = seq[last];
    Object k = kinds[last];
    int idx = indexes[last];
    String item = itemIds[last];
    String agent = agentIds[last];
    kinds[last] = null;
    itemIds[last] = null;
    agentIds[last] = null;
    if (last == 0) {
      return;
    }
    int i = 0;
    while (true) { // sift down the last event from the root
      int child = 2 * i + 1;
      if (child >= last) {
        break;
      }
      if (child + 1 < last && before(at[child + 1], seq[child + 1], at[child], seq[child])) {
        child++;
      }
      if (!before(at[child], seq[child], time, s)) {
        break;
      }
      move(child, i);
      i = child;
    }
    set(i, time, s, k, idx, item, agent);
  }

  K kind() {
    return kind;
  }

  int index() {
    return index;
  }

  String itemId() {
    return itemId;
  }

  String agentId() {
    return agentId;
  }

  private static boolean before(long t1, long s1, long t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  private void move(int from, int to) {
    at[to] = at[from];
    seq[to] = seq[from];
    kinds[to] = kinds[from];
    indexes[to] = indexes[from];
    itemIds[to] = itemIds[from];
    agentIds[to] = agentIds[from];
  }

  private void set(int i, long time, long s, Object k, int idx, String item, String agent) {
    at[i] = time;
    seq[i] = s;
    kinds[i] = k;
    indexes[i] = idx;
    itemIds[i] = item;
    agentIds[i] = agent;
  }

  private void grow() {
    int n = at.length * 2;
    at = Arrays.copyOf(at, n);
    seq = Arrays.copyOf(seq, n);
    kinds = Arrays.copyOf(kinds, n);
    indexes = Arrays.copyOf(indexes, n);
    itemIds = Arrays.copyOf(itemIds, n);
    agentIds = Arrays.copyOf(agentIds, n);
  }
}
