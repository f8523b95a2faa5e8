package dev.switchboard.internal.engine;

import dev.switchboard.ItemState;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.calendar.QueueHours;
import dev.switchboard.event.RoutingEvent.HoldEnded;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.ItemRedirected;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Queues' opening hours. New work for a queue whose calendar is closed is held ({@code HELD},
 * outside the matcher), sent on to another queue, or answered through its channel and held, as
 * the queue's {@link QueueHours} says. Each queue with held work keeps one {@code HOURS} timer at
 * its calendar's next opening; when it fires, the queue's held items start its policy in
 * submission order. Held items are found by a scan of the live items, once per opening, so a held
 * item needs no bookkeeping here and a cancelled or transferred one simply is no longer found.
 */
final class OpeningHours {

  /** Sends an automatic reply in a conversation that came in through an adapter. */
  @FunctionalInterface
  interface AutoReplies {
    /** The delivery id of the reply sent, or empty when none could be. */
    Optional<String> send(String conversationId, String body);
  }

  private final Map<String, QueueHours> hours;
  private final Map<String, BusinessCalendar> calendars;
  private final Registry registry;
  private final DeadlineQueue timers;
  private final EngineClock clock;
  private final Events events;
  private final Items items;
  private final Router router;
  private final AutoReplies replies;
  private final Map<String, Timer<String>> openings = new LinkedHashMap<>();
  private final Timer.Action<String> opening =
      new Timer.Action<>(Timer.Kind.HOURS, this::opened, queue -> queue);

  OpeningHours(EngineConfig config, Registry registry, DeadlineQueue timers, EngineClock clock,
      Events events, Items items, Router router, AutoReplies replies) {
    this.hours = config.queueHours();
    this.calendars = config.calendars();
    this.registry = registry;
    this.timers = timers;
    this.clock = clock;
    this.events = events;
    this.items = items;
    this.router = router;
    this.replies = replies;
  }

  /**
   * New work enters its queue: it starts the policy (offered first to {@code preferred}) while the
   * queue is open or keeps no hours; otherwise its after-hours rule applies, following queues that
   * send work on (the builder refused circles) until one holds it or is open.
   */
  void admit(LiveItem it, LiveAgent preferred) {
    if (hours.isEmpty()) { // most engines keep no hours: no look-up per item
      router.startPolicy(it, preferred);
      return;
    }
    for (QueueHours h = hours.get(it.queue); h != null; h = hours.get(it.queue)) {
      BusinessCalendar calendar = calendars.get(h.calendar());
      if (calendar.isOpen(clock.nowInstant)) {
        break;
      }
      if (h.afterHours() instanceof AfterHours.SendTo to) {
        events.emit(new ItemRedirected(events.next(), clock.nowInstant, it.id(), it.queue,
            to.queue(), calendar.name()));
        it.queue = to.queue();
        it.policy = registry.policy(to.queue());
        continue;
      }
      Optional<String> reply = Optional.empty();
      if (h.afterHours() instanceof AfterHours.AutoReply r
          && it.item().conversationId().isPresent()) {
        reply = replies.send(it.item().conversationId().get(), r.message());
      }
      hold(it, calendar, reply);
      return;
    }
    router.startPolicy(it, preferred);
  }

  private void hold(LiveItem it, BusinessCalendar calendar, Optional<String> reply) {
    it.state = ItemState.HELD;
    it.step = 0;
    it.priority = router.priorityAt(it, 0); // as if at step 0, which views show
    Optional<Instant> opens = calendar.nextOpening(clock.nowInstant);
    if (opens.isPresent()) {
      long at = Nanos.of(opens.get());
      Timer<String> t = timer(it.queue);
      if (!t.isScheduled() || t.deadline() > at) {
        timers.schedule(t, at);
      }
    }
    events.emit(new ItemHeld(events.next(), clock.nowInstant, it.id(), it.queue,
        calendar.name(), opens, reply));
  }

  /** The queue opened: its held items start the policy, in submission order. */
  private void opened(String queue) {
    List<LiveItem> held = new ArrayList<>();
    for (LiveItem it : items.values()) {
      if (it.state == ItemState.HELD && it.queue.equals(queue)) {
        held.add(it);
      }
    }
    held.sort(java.util.Comparator.comparingLong(LiveItem::sequence));
    for (LiveItem it : held) {
      events.emit(new HoldEnded(events.next(), clock.nowInstant, it.id(), queue));
      router.startPolicy(it, null);
    }
  }

  /** The queue's opening timer, made on first use (also by a restore). */
  Timer<String> timer(String queue) {
    return openings.computeIfAbsent(queue, q -> new Timer<>(opening, q));
  }

  /** The opening timers that are scheduled, for a state image. */
  void scheduled(List<Timer<?>> into) {
    for (Timer<String> t : openings.values()) {
      if (t.isScheduled()) {
        into.add(t);
      }
    }
  }
}
