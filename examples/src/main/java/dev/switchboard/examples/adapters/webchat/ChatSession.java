package dev.switchboard.examples.adapters.webchat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One visitor's chat: the log of replies pushed to it, numbered so that every event stream (a
 * tab, a reconnect) shows each reply once, picking up after the {@code Last-Event-ID} it last
 * saw. A reply counts as delivered when the first stream has written it; one no stream takes
 * within the delivery timeout is withdrawn, so a retry cannot show it twice. Thread-safe.
 */
final class ChatSession {

  /** One pushed reply. */
  static final class Event {
    final long id;
    final String data;
    final CompletableFuture<Void> written = new CompletableFuture<>();
    boolean claimed;

    Event(long id, String data) {
      this.id = id;
      this.data = data;
    }
  }

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Event> log = new ArrayDeque<>();
  private long nextId = 1;
  private boolean closed;

  /** A session remembering up to {@code capacity} replies for replay. */
  ChatSession(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Adds a reply; its {@code written} future completes when a stream has written it.
   *
   * @return the event, or null if the session already holds {@code capacity} replies no stream
   *     has taken
   */
  Event push(String data) {
    lock.lock();
    try {
      if (log.size() >= capacity) {
        Event oldest = log.peekFirst();
        if (!oldest.claimed) {
          return null; // every remembered reply is still unread: refuse rather than drop one
        }
        log.removeFirst();
      }
      Event e = new Event(nextId++, data);
      log.addLast(e);
      changed.signalAll();
      return e;
    } finally {
      lock.unlock();
    }
  }

  /** Withdraws {@code e} if no stream has claimed it yet; true if it was withdrawn. */
  boolean withdraw(Event e) {
    lock.lock();
    try {
      if (e.claimed) {
        return false;
      }
      log.remove(e);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The first reply after {@code cursor}, waiting up to {@code waitMillis}; null on timeout or
   * when the session closes. The reply is claimed: a concurrent timeout can no longer withdraw it.
   */
  Event next(long cursor, long waitMillis) throws InterruptedException {
    long nanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
    lock.lock();
    try {
      while (!closed) {
        for (Event e : log) {
          if (e.id > cursor) {
            e.claimed = true;
            return e;
          }
        }
        if (nanos <= 0) {
          return null;
        }
        nanos = changed.awaitNanos(nanos);
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Gives back a claimed reply whose write failed, so a timeout may withdraw it again. */
  void release(Event e) {
    lock.lock();
    try {
      if (!e.written.isDone()) {
        e.claimed = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every stream waiting on this session and ends them. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean closed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }
}
