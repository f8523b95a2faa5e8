package dev.switchboard.internal.engine;

import dev.switchboard.event.RoutingEvent;

/** Where the engine puts the events it emits; called on the engine loop only. */
@FunctionalInterface
public interface EventSink {

  /** Takes one event; must not block. */
  void emit(RoutingEvent event);
}
