package dev.switchboard.event;

/**
 * Receives the engine's events. Each listener gets the events in order; in the threaded engine on
 * a thread of its own (never the engine loop), so a slow listener delays only itself and, past
 * its buffer, loses events (counted in {@code droppedEvents}); in the manual engine on the thread
 * that steps it. Exceptions it throws are logged and counted, never propagated.
 *
 * <p>With a journal, an event arrives only once the journal entry of the command or timer that
 * caused it is durable (the events of an entry the journal fails to record never arrive), and
 * replayed entries' events only when the engine was built with {@code replayEvents(true)}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RoutingEventListener {

  /** Called once per event, in sequence order. */
  void onEvent(RoutingEvent event);
}
