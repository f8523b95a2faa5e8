package dev.switchboard.internal.engine;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The engine's live items by id, iterated in the order they were put (as a
 * {@code LinkedHashMap<String, LiveItem>} would be), without a map entry per item: the table is
 * an open-addressing array of the items themselves (linear probing, at most half full) and the
 * order is a list threaded through {@link LiveItem#before}/{@link LiveItem#after}. With a
 * million queued items this keeps about 32 B less per item than a {@code LinkedHashMap} entry.
 * Owned by the engine loop; not thread-safe.
 */
final class ItemTable {

  private LiveItem[] slots = new LiveItem[16];
  private int size;
  private LiveItem head;
  private LiveItem tail;
  /** Changes on every put and remove, so an iterator notices it was overtaken. */
  private int modifications;
  private final Collection<LiveItem> values = new Values();

  /** The number of items. */
  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The item with the id, or null. */
  LiveItem get(String id) {
    LiveItem[] s = slots;
    int mask = s.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      LiveItem it = s[i];
      if (it == null) {
        return null;
      }
      String key = it.id();
      if (key == id || key.equals(id)) {
        return it;
      }
    }
  }

  boolean containsKey(String id) {
    return get(id) != null;
  }

  /** Adds the item (whose id must not be in the table yet) after every item already there. */
  void put(LiveItem item) {
    if (get(item.id()) != null) {
      throw new IllegalStateException("item '" + item.id() + "' is already in the table");
    }
    if (2 * (size + 1) > slots.length) {
      resize(slots.length * 2);
    }
    insert(slots, item);
    size++;
    modifications++;
    item.before = tail;
    item.after = null;
    if (tail == null) {
      head = item;
    } else {
      tail.after = item;
    }
    tail = item;
  }

  /** Removes the item with the id; returns it, or null when there was none. */
  LiveItem remove(String id) {
    LiveItem[] s = slots;
    int mask = s.length - 1;
    int i = spread(id.hashCode()) & mask;
    LiveItem it;
    while ((it = s[i]) != null && !it.id().equals(id)) {
      i = (i + 1) & mask;
    }
    if (it == null) {
      return null;
    }
    // backward-shift deletion: move later items of the probe run into the gap they may need
    int gap = i;
    for (int j = (gap + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = spread(s[j].id().hashCode()) & mask;
      if (((j - home) & mask) >= ((j - gap) & mask)) {
        s[gap] = s[j];
        gap = j;
      }
    }
    s[gap] = null;
    size--;
    modifications++;
    if (it.before == null) {
      head = it.after;
    } else {
      it.before.after = it.after;
    }
    if (it.after == null) {
      tail = it.before;
    } else {
      it.after.before = it.before;
    }
    it.before = null;
    it.after = null;
    return it;
  }

  /** The items in the order they were put; a live view that does not support changes. */
  Collection<LiveItem> values() {
    return values;
  }

  private void resize(int capacity) {
    LiveItem[] bigger = new LiveItem[capacity];
    for (LiveItem it = head; it != null; it = it.after) {
      insert(bigger, it);
    }
    slots = bigger;
  }

  private static void insert(LiveItem[] s, LiveItem item) {
    int mask = s.length - 1;
    int i = spread(item.id().hashCode()) & mask;
    while (s[i] != null) {
      i = (i + 1) & mask;
    }
    s[i] = item;
  }

  /** Mixes the high bits in, as HashMap does, so that ids differing only there spread out. */
  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private final class Values extends AbstractCollection<LiveItem> {

    @Override
    public int size() {
      return size;
    }

    @Override
    public Iterator<LiveItem> iterator() {
      return new Iterator<>() {
        private LiveItem next = head;
        private final int expected = modifications;

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public LiveItem next() {
          if (modifications != expected) {
            throw new ConcurrentModificationException();
          }
          if (next == null) {
            throw new NoSuchElementException();
          }
          LiveItem it = next;
          next = it.after;
          return it;
        }
      };
    }
  }
}
