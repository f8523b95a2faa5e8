package dev.switchboard.internal.sla;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.sla.AlertSink;
import java.util.Objects;

/**
 * Hands the alerts among the engine's events to the host's {@link AlertSink}. Registered as one
 * more listener, so the sink gets what listeners get: a thread of its own behind a bounded
 * buffer in the threaded engine, and its exceptions caught, logged and counted.
 */
public final class AlertDelivery implements RoutingEventListener {

  private final AlertSink sink;

  /** Delivery to the sink. */
  public AlertDelivery(AlertSink sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public void onEvent(RoutingEvent event) {
    if (event instanceof RoutingEvent.AlertRaised raised) {
      sink.deliver(raised.alert());
    }
  }

  @Override
  public String toString() {
    return "AlertSink " + sink;
  }
}
