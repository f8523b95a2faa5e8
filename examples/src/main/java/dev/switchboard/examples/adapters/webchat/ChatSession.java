package dev.switchboard.examples.adapters.webchat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
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
 *
 * <p>Event ids only grow within a conversation, across sessions and restarts of the adapter: an
 * id is the wall clock in microseconds since the epoch, or one more than the last id this
 * session gave or a page said it saw, whichever is greater. A page that comes back with the
 * {@code Last-Event-ID} of an earlier session, or of the adapter before a restart, therefore
 * gets every reply pushed since, even if the wall clock stepped back meanwhile. A page's id more
 * than a day ahead of the clock is not one of ours and is ignored.
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

  private static final long MAX_AHEAD_MICROS = Duration.ofDays(1).toNanos() / 1000;

  private final String conversation;
  private final int capacity;
  private final InstantSource clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<Event> log = new ArrayDeque<>();
  private long lastId;
  private int streams;
  private boolean closed;

  /**
   * The session of {@code conversation}, remembering up to {@code capacity} replies for replay,
   * numbering them from {@code clock} (the wall clock).
   */
  ChatSession(String conversation, int capacity, InstantSource clock) {
    this.conversation = conversation;
    this.capacity = capacity;
    this.clock = clock;
  }

  /** The public conversation id: the conversation key and the visitor's identity. */
  String conversation() {
    return conversation;
  }

  private long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  /**
   * Notes that a page has seen reply {@code id} (its {@code Last-Event-ID}), so later replies get
   * greater ids; an id more than a day ahead of the clock is ignored.
   *
   * @return whether the id was taken as one of ours
   */
  boolean seen(long id) {
    lock.lock();
    try {
      if (id < 0 || id > nowMicros() + MAX_AHEAD_MICROS) {
        return false;
      }
      lastId = Math.max(lastId, id);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Counts an event stream opened on this session; false once the session is closed. */
  boolean streamOpened() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      streams++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** How many event streams are open on this session. */
  int streams() {
    lock.lock();
    try {
      return streams;
    } finally {
      lock.unlock();
    }
  }

  /** Counts an event stream closed. */
  void streamClosed() {
    lock.lock();
    try {
      streams--;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the session if no page is listening and no reply waits to be shown: it may then be
   * forgotten without losing anything. True if it was closed.
   */
  boolean closeIfIdle() {
    lock.lock();
    try {
      if (streams > 0 || log.stream().anyMatch(e -> !e.claimed)) {
        return false;
      }
      closed = true;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds a reply; its {@code written} future completes when a stream has written it.
   *
   * @return the event, or null if the session already holds {@code capacity} replies no stream
   *     has taken, or is closed
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
      if (closed) {
        return null;
      }
      lastId = Math.max(lastId + 1, nowMicros());
      Event e = new Event(lastId, data);
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
