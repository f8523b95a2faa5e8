package dev.switchboard.internal.loop;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.internal.engine.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Delivers events to each listener on a thread of its own, through a bounded queue: the loop
 * only ever offers to the queue, so a slow listener loses events (counted) rather than stalling
 * routing.
 */
final class AsyncListeners implements EventSink {

  private final List<Delivery> deliveries = new ArrayList<>();
  private final ListenerFailures failures;

  AsyncListeners(List<RoutingEventListener> listeners, int capacity, ListenerFailures failures) {
    this.failures = failures;
    int n = 0;
    for (RoutingEventListener listener : listeners) {
      Delivery d = new Delivery(listener, capacity);
      Thread t = new Thread(d, "switchboard-listener-" + n++);
      t.setDaemon(true);
      d.thread = t;
      deliveries.add(d);
      t.start();
    }
  }

  @Override
  public void emit(RoutingEvent event) {
    for (Delivery d : deliveries) {
      if (!d.queue.offer(event)) {
        failures.droppedOne(d.listener, event);
      }
    }
  }

  /**
   * Hands the event to every listener's queue, waiting for room: for replayed events, offered
   * while the engine is built, when no routing waits on the caller. If the caller is interrupted
   * the rest are offered as {@link #emit} does, and counted if dropped.
   */
  void emitWaiting(RoutingEvent event) {
    for (Delivery d : deliveries) {
      try {
        d.queue.put(event);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (!d.queue.offer(event)) {
          failures.droppedOne(d.listener, event);
        }
      }
    }
  }

  /**
   * Lets each listener finish its queue, waiting up to the timeout in all. A listener that closes
   * the engine from its own thread is not waited for: it finishes its queue once it returns.
   */
  void close(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (Delivery d : deliveries) {
      d.closing = true;
    }
    for (Delivery d : deliveries) {
      if (d.thread == Thread.currentThread()) {
        continue;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      d.thread.join(Math.max(1, left));
      if (d.thread.isAlive()) {
        d.thread.interrupt();
      }
    }
  }

  private final class Delivery implements Runnable {
    final RoutingEventListener listener;
    final BlockingQueue<RoutingEvent> queue;
    volatile boolean closing;
    Thread thread;

    Delivery(RoutingEventListener listener, int capacity) {
      this.listener = listener;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public void run() {
      try {
        while (true) {
          RoutingEvent e = queue.poll(20, TimeUnit.MILLISECONDS);
          if (e != null) {
            failures.call(listener, e);
          } else if (closing) {
            return;
          }
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
