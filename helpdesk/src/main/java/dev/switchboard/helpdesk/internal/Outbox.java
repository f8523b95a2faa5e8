package dev.switchboard.helpdesk.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the desk does to the world outside its lock: host code (listeners, reward hooks, starting
 * the classifier) and switchboard commands, in the order the desk queued them and one at a time,
 * whichever thread gets to flush. Each change's effects carry the journal sequence of that change
 * and leave only once it is durable, so nobody outside hears of a change a crash could undo;
 * commands also wait for a connected switchboard. A call made from inside host code only queues
 * more; the flush already running picks it up, so host code is never re-entered. Exceptions are
 * logged and counted, never passed on. While the desk replays its journal the outbox is muted:
 * what was queued is dropped, as the past already happened.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /** One effect: run once {@code sequence} is durable (and, for a command, once connected). */
  private record Effect(long sequence, boolean command, Runnable run) {}

  private final List<Effect> current = new ArrayList<>();
  private final ArrayDeque<Effect> queue = new ArrayDeque<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicLong durable = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean connected;
  private boolean muted;

  /** Queues host code of the change being applied; called under the desk's lock. */
  void add(Runnable hostCode) {
    if (!muted) {
      current.add(new Effect(0, false, hostCode));
    }
  }

  /** Queues a switchboard command of the change being applied; called under the desk's lock. */
  void command(Runnable send) {
    if (!muted) {
      current.add(new Effect(0, true, send));
    }
  }

  /**
   * The change being applied was recorded as entry {@code sequence} (or, when it recorded
   * nothing, the last entry so far): its effects leave once that entry is durable. Called under
   * the desk's lock, so the queue's order is the desk's.
   */
  void seal(long sequence) {
    if (current.isEmpty()) {
      return;
    }
    synchronized (queue) {
      for (Effect e : current) {
        queue.add(new Effect(sequence, e.command(), e.run()));
      }
    }
    current.clear();
  }

  /** Drops what the change being applied queued (replay); called under the desk's lock. */
  void mute(boolean mute) {
    this.muted = mute;
    current.clear();
  }

  /** Every entry up to {@code sequence} is durable. */
  void durable(long sequence) {
    durable.accumulateAndGet(sequence, Math::max);
  }

  /** Commands may go from now on. */
  void connected() {
    connected = true;
  }

  /** Whether an effect is ready to leave now. */
  boolean ready() {
    synchronized (queue) {
      Effect head = queue.peek();
      return head != null && head.sequence() <= durable.get() && (connected || !head.command());
    }
  }

  private Runnable pollReady() {
    synchronized (queue) {
      Effect head = queue.peek();
      if (head == null || head.sequence() > durable.get() || (head.command() && !connected)) {
        return null;
      }
      return queue.poll().run();
    }
  }

  /** Runs every ready effect, unless another flush (on this thread or another) is running. */
  void flush() {
    while (ready() && flushing.compareAndSet(false, true)) {
      try {
        Runnable r;
        while ((r = pollReady()) != null) {
          try {
            r.run();
          } catch (RuntimeException | LinkageError | AssertionError e) {
            failures.incrementAndGet();
            LOG.warn("help desk host code failed; it is isolated and counted", e);
          }
        }
      } finally {
        flushing.set(false);
      }
    }
  }

  /** Host code that threw. */
  long failures() {
    return failures.get();
  }
}
