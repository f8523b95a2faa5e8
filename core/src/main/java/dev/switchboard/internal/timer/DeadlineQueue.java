package dev.switchboard.internal.timer;

import java.util.Arrays;

/**
 * The engine's deadlines: an indexed binary min-heap, so scheduling, cancelling and taking the
 * earliest timer all cost O(log n) and a million pending timers stay cheap. Timers with equal
 * deadlines come out in the order they were scheduled, which keeps the loop deterministic.
 * Single-threaded: only the engine loop touches it.
 */
public final class DeadlineQueue {

  private Timer<?>[] heap = new Timer<?>[64];
  private int size;
  private long nextSequence;

  /** Schedules (or reschedules) the timer for the deadline, in epoch nanoseconds. */
  public void schedule(Timer<?> timer, long deadline) {
    if (timer.isScheduled()) {
      cancel(timer);
    }
    timer.deadline = deadline;
    timer.sequence = nextSequence++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    heap[size] = timer;
    timer.heapIndex = size;
    size++;
    siftUp(timer.heapIndex);
  }

  /** Removes the timer if scheduled; does nothing otherwise, or for null (a timer never made). */
  public void cancel(Timer<?> timer) {
    if (timer == null) {
      return;
    }
    int i = timer.heapIndex;
    if (i < 0) {
      return;
    }
    size--;
    Timer<?> last = heap[size];
    heap[size] = null;
    timer.heapIndex = -1;
    if (i != size) {
      heap[i] = last;
      last.heapIndex = i;
      siftDown(i);
      if (heap[i] == last) {
        siftUp(i);
      }
    }
  }

  /** The earliest deadline, or {@link Long#MAX_VALUE} when nothing is scheduled. */
  public long nextDeadline() {
    return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
  }

  /** Removes and returns the earliest timer if it is due at {@code now}; null otherwise. */
  public Timer<?> pollDue(long now) {
    if (size == 0 || heap[0].deadline > now) {
      return null;
    }
    Timer<?> first = heap[0];
    cancel(first);
    return first;
  }

  /** Timers scheduled. */
  public int size() {
    return size;
  }

  private void siftUp(int i) {
    Timer<?> t = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Timer<?> p = heap[parent];
      if (!before(t, p)) {
        break;
      }
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private void siftDown(int i) {
    Timer<?> t = heap[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && before(heap[right], heap[child])) {
        child = right;
      }
      if (!before(heap[child], t)) {
        break;
      }
      heap[i] = heap[child];
      heap[i].heapIndex = i;
      i = child;
    }
    heap[i] = t;
    t.heapIndex = i;
  }

  private static boolean before(Timer<?> a, Timer<?> b) {
    return a.deadline < b.deadline || (a.deadline == b.deadline && a.sequence < b.sequence);
  }
}
