package dev.switchboard.event;

/**
 * Receives the engine's events. Each listener gets every event in order, on a thread of its own
 * (never the engine thread), so a slow listener delays only itself; exceptions it throws are
 * logged and counted, never propagated.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RoutingEventListener {

  /** Called once per event, in sequence order. */
  void onEvent(RoutingEvent event);
}
