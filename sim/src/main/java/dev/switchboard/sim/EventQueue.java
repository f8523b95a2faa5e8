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

  // the heap, in heap order: time, scheduling order and slot of each event; sifting moves only
  // these primitives, so it pays no garbage collector's barrier on reference stores
  private long[] at = new long[64];
  private long[] seq = new long[64];
  private int[] slotOf = new int[64];
  // each event's fields, by slot, written once when it is scheduled
  private Object[] kinds = new Object[64];
  private int[] indexes = new int[64];
  private String[] itemIds = new String[64];
  private String[] agentIds = new String[64];
  /** Slots not in use, as a stack. */
  private int[] free = new int[64];
  private int freeCount;
  private int size;
  private long nextSeq;

  private K kind;
  private int index;
  private String itemId;
  private String agentId;

  EventQueue() {
    for (int i = 0; i < free.length; i++) {
      free[freeCount++] = free.length - 1 - i;
    }
  }

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
    int slot = free[--freeCount];
    kinds[slot] = kind;
    indexes[slot] = index;
    itemIds[slot] = itemId;
    agentIds[slot] = agentId;
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
    set(i, time, s, slot);
  }

  /** Takes the earliest event off the queue, into the current fields; only when not empty. */
  @SuppressWarnings("unchecked")
  void poll() {
    int slot = slotOf[0];
    kind = (K) kinds[slot];
    index = indexes[slot];
    itemId = itemIds[slot];
    agentId = agentIds[slot];
    kinds[slot] = null;
    itemIds[slot] = null;
    agentIds[slot] = null;
    free[freeCount++] = slot;
    int last = --size;
    long time = at[last];
    long s = seq[last];
    int lastSlot = slotOf[last];
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
    if (last > 0) {
      set(i, time, s, lastSlot);
    }
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
    slotOf[to] = slotOf[from];
  }

  private void set(int i, long time, long s, int slot) {
    at[i] = time;
    seq[i] = s;
    slotOf[i] = slot;
  }

  private void grow() {
    int old = at.length;
    int n = old * 2;
    at = Arrays.copyOf(at, n);
    seq = Arrays.copyOf(seq, n);
    slotOf = Arrays.copyOf(slotOf, n);
    kinds = Arrays.copyOf(kinds, n);
    indexes = Arrays.copyOf(indexes, n);
    itemIds = Arrays.copyOf(itemIds, n);
    agentIds = Arrays.copyOf(agentIds, n);
    free = Arrays.copyOf(free, n);
    for (int slot = n - 1; slot >= old; slot--) { // every slot in use: the new ones are free
      free[freeCount++] = slot;
    }
  }
}
