package dev.switchboard.internal.engine;

import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Admission: how work enters. A host's new item, a customer's follow-up in a known conversation
 * (joining its live item, or a new item of the conversation offered first to its last agent) and
 * a channel adapter's message become live items with their SLA clocks started; their queue's
 * opening hours and then the router take them from there.
 */
final class Admission {

  /**
   * How many distinct SLA targets stamped items share: a stamped copy refers to the shared
   * {@code Optional} instead of keeping its own (and its {@code Duration}), about 56 B less per
   * queued item when a host gives many items the same target.
   */
  private static final int SHARED_SLA_TARGETS = 64;

  private final EngineConfig config;
  private final Registry registry;
  private final DeadlineQueue timers;
  private final EngineClock clock;
  private final Events events;
  private final Items items;
  private final Conversations conversations;
  private final AgentBook agents;
  private final SlaTracker sla;
  private final OpeningHours hours;
  /** The creation time stamped on items submitted without one, shared by those of one instant. */
  private Optional<Instant> stampedAt = Optional.empty();
  private final Map<Duration, Optional<Duration>> slaTargets = new HashMap<>();

  Admission(EngineConfig config, Registry registry, DeadlineQueue timers, EngineClock clock,
      Events events, Items items, Conversations conversations, AgentBook agents, SlaTracker sla,
      OpeningHours hours) {
    this.config = config;
    this.registry = registry;
    this.timers = timers;
    this.clock = clock;
    this.events = events;
    this.items = items;
    this.conversations = conversations;
    this.agents = agents;
    this.sla = sla;
    this.hours = hours;
  }

  /** Accepts new work and routes it. */
  void submit(WorkItem item) {
    items.checkNew(item.id());
    registry.check(item);
    Conversation conversation = item.conversationId().isPresent() // no lambda made per item
        ? conversations.find(item.conversationId().get()) : null;
    if (conversation != null && conversation.hasOpenItem()) {
      throw new CommandRejectedException(Reason.CONVERSATION_ACTIVE, "conversation '"
          + conversation.id + "' already has live item '" + conversation.live.id()
          + "'; send the customer's new message with followUp");
    }
    if (item.createdAt().isPresent() && Nanos.of(item.createdAt().get()) > clock.now) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "item '" + item.id()
          + "' has createdAt " + item.createdAt().get() + ", after the engine's time "
          + clock.nowInstant + "; allowed: at or before clock.now (or leave it unset)");
    }
    admit(item.createdAt().isPresent() ? item : stamped(item));
  }

  /** The item with the engine's time as its creation time, sharing common optional values. */
  private WorkItem stamped(WorkItem item) {
    return new WorkItem(item.id(), item.channel(), item.customerId(), item.queue(),
        item.priority(), item.requiredSkills(), item.attributes(), item.conversationId(),
        nowOptional(), sharedTarget(item.slaTarget()));
  }

  private Optional<Instant> nowOptional() {
    if (stampedAt.isEmpty() || stampedAt.get() != clock.nowInstant) {
      stampedAt = Optional.of(clock.nowInstant);
    }
    return stampedAt;
  }

  private Optional<Duration> sharedTarget(Optional<Duration> target) {
    if (target.isEmpty()) {
      return target;
    }
    Optional<Duration> shared = slaTargets.get(target.get());
    if (shared != null) {
      return shared;
    }
    if (slaTargets.size() < SHARED_SLA_TARGETS) {
      slaTargets.put(target.get(), target);
    }
    return target;
  }

  /** A customer wrote again in a conversation. */
  void followUp(String conversationId, Map<String, Object> attributes) {
    Conversation c = conversations.find(conversationId);
    if (c == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_CONVERSATION, "conversation '"
          + conversationId + "' is not known (never submitted, or forgotten after "
          + config.conversationMemory() + " newer conversations went idle)");
    }
    if (c.hasOpenItem()) {
      LiveItem it = c.live;
      events.emit(new FollowUpReceived(events.next(), clock.nowInstant, conversationId, it.id(),
          Optional.ofNullable(it.agent).map(LiveAgent::id), attributes));
      sla.customerWrote(it);
      return;
    }
    int n = c.items + 1;
    while (items.inUse(conversationId + "#" + n)) {
      n++;
    }
    // conversation ids are short enough (Checks.conversationId) for this id to be valid
    String newId = conversationId + "#" + n;
    WorkItem last = c.lastItem;
    Map<String, Object> merged = new LinkedHashMap<>(last.attributes());
    merged.putAll(attributes);
    admit(new WorkItem(newId, last.channel(), last.customerId(), last.queue(),
        last.priority(), last.requiredSkills(), merged, last.conversationId(),
        nowOptional(), last.slaTarget()));
  }

  /**
   * A customer's message from a channel adapter: a follow-up when the conversation is known,
   * otherwise a new item {@code conversationId#n} offered first to {@code preferredAgentId} (the
   * agent who last answered the customer), if given and free.
   */
  void channelMessage(String conversationId, Channel channel, String customerId,
      String queue, Map<String, Object> attributes, String preferredAgentId) {
    if (conversations.find(conversationId) != null) {
      followUp(conversationId, attributes);
      return;
    }
    int n = 1;
    while (items.inUse(conversationId + "#" + n)) {
      n++;
    }
    admit(new WorkItem(conversationId + "#" + n, channel, customerId, queue,
        WorkItem.MIN_PRIORITY, Map.of(), attributes, Optional.of(conversationId),
        Optional.of(clock.nowInstant), Optional.empty()), preferredAgentId);
  }

  private void admit(WorkItem item) {
    admit(item, null);
  }

  /** Admits the item, offering it first to its conversation's last agent, else to the fallback. */
  private void admit(WorkItem item, String fallbackAgentId) {
    long created = Nanos.of(item.createdAt().orElseThrow());
    long deadline = sla.firstResponseDeadline(item, created);
    LiveItem it = new LiveItem(item, items.sequence++, registry.channelIndex(item.channel()),
        created, deadline);
    it.queue = item.queue();
    it.policy = registry.policy(item.queue());
    items.add(it);
    events.emit(new ItemSubmitted(events.next(), clock.nowInstant, item));
    if (deadline != Long.MAX_VALUE) {
      timers.schedule(it.timer(sla.firstResponseBreach()), deadline);
    }
    LiveAgent preferred = fallbackAgentId == null ? null : agents.get(fallbackAgentId);
    sla.admitted(it);
    if (item.conversationId().isPresent()) {
      Conversation c = conversations.open(item.conversationId().get());
      c.live = it;
      c.lastItem = item;
      c.items++;
      if (c.lastAgentId != null) {
        preferred = agents.get(c.lastAgentId);
      }
    }
    hours.admit(it, preferred);
  }
}
