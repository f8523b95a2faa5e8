package dev.switchboard.helpdesk.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host code the desk must run outside its lock (listeners, reward hooks, starting the classifier),
 * in the order the desk queued it and one at a time, whichever thread gets to flush. A call made
 * from inside host code only queues more; the flush already running picks it up, so host code is
 * never re-entered. Exceptions are logged and counted, never passed on.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();

  /** Queues host code; called under the desk's lock, so the order is the desk's. */
  void add(Runnable hostCode) {
    queue.add(hostCode);
  }

  /** Runs everything queued, unless another flush (on this thread or another) is running. */
  void flush() {
    while (!queue.isEmpty() && flushing.compareAndSet(false, true)) {
      try {
        Runnable r;
        while ((r = queue.poll()) != null) {
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
