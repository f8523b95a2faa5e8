package dev.switchboard.internal.loop;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners so that whatever they throw is logged and counted, never propagated. */
final class ListenerFailures {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerFailures.class);

  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  void call(RoutingEventListener listener, RoutingEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      long n = failures.incrementAndGet();
      if (Long.bitCount(n) == 1) { // 1, 2, 4, 8...: visible without flooding the log
        LOG.warn("listener {} threw on event #{} ({} failures so far)", listener,
            event.sequence(), n, e);
      }
    }
  }

  void droppedOne(RoutingEventListener listener, RoutingEvent event) {
    long n = dropped.incrementAndGet();
    if (Long.bitCount(n) == 1) {
      LOG.warn("listener {} is not keeping up: event #{} dropped ({} dropped so far)", listener,
          event.sequence(), n);
    }
  }

  long failures() {
    return failures.get();
  }

  long dropped() {
    return dropped.get();
  }
}
