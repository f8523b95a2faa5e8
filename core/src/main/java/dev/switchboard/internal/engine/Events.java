package dev.switchboard.internal.engine;

import dev.switchboard.event.RoutingEvent;

/** Numbers the engine's events without gaps and hands them to the sink, on the loop. */
final class Events {

  private final EventSink sink;
  long sequence;

  Events(EventSink sink) {
    this.sink = sink;
  }

  /** The next sequence number; each call takes one. */
  long next() {
    return ++sequence;
  }

  void emit(RoutingEvent event) {
    sink.emit(event);
  }
}
