package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.Target;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AgentAdded;
import dev.switchboard.event.RoutingEvent.AgentRemoved;
import dev.switchboard.event.RoutingEvent.AgentUpdated;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
import dev.switchboard.event.RoutingEvent.CustomersMerged;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.ItemQueued;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.OfferRejected;
import dev.switchboard.event.RoutingEvent.OfferTimedOut;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import dev.switchboard.event.RoutingEvent.PresenceChanged;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.event.RoutingEvent.WrapUpStarted;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.internal.campaign.Blend;
import dev.switchboard.internal.campaign.Blender;
import dev.switchboard.internal.host.ChannelConfig;
import dev.switchboard.internal.host.ChannelState;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaReport;
import dev.switchboard.spi.ChannelIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The routing state machine. Every method runs on the engine loop, one at a time, at the time
 * last given to {@link #setTime}. A command either throws {@link CommandRejectedException}
 * before changing anything, or applies fully and emits its events. The same commands at the same
 * times give the same events: nothing here reads a clock, a random source or iteration order of
 * a hash structure.
 */
public final class RoutingEngine implements EngineView {

  private final EngineConfig config;
  private final Registry registry;
  private final Matcher matcher;
  private final EventSink sink;
  private final DeadlineQueue timers = new DeadlineQueue();
  private final Map<String, LiveAgent> agents = new LinkedHashMap<>();
  private final ItemTable items = new ItemTable();
  /** Conversations with a live item; never forgotten. */
  private final Map<String, Conversation> openConversations = new HashMap<>();
  /** Conversations without one, least recently used first; the eldest are forgotten. */
  private final Map<String, Conversation> idleConversations = new LinkedHashMap<>();
  private final Map<String, Boolean> finished;
  private final Map<Eligibility, Eligibility> eligibilities = new HashMap<>();
  /**
   * Per channel, the eligibility of each skill requirement (without a team) seen so far, keyed by
   * the immutable requirement map itself: an item's requirement is then one map lookup, not a
   * sort and an interning.
   */
  private final List<Map<Map<String, Integer>, Eligibility>> bySkills = new ArrayList<>();
  /** Per channel, skill name to the eligibility of each minimum level, for one-skill steps. */
  private final List<Map<String, Eligibility[]>> byOneSkill = new ArrayList<>();
  private String oneSkill;
  private int oneLevel;
  /** Reads a one-entry requirement into {@link #oneSkill} and {@link #oneLevel}; made once. */
  private final BiConsumer<String, Integer> takeOneSkill = (skill, level) -> {
    oneSkill = skill;
    oneLevel = level;
  };
  /**
   * The creation time stamped on items submitted without one, shared by the items stamped at the
   * same instant, and the first {@link #SHARED_SLA_TARGETS} distinct SLA targets seen: a stamped
   * copy refers to these instead of keeping its own {@code Optional} (and {@code Duration}),
   * about 56 B less per queued item when a host gives many items the same target.
   */
  private Optional<Instant> stampedAt = Optional.empty();
  private final Map<Duration, Optional<Duration>> slaTargets = new HashMap<>();
  private static final int SHARED_SLA_TARGETS = 64;
  private final long offerTimeoutNanos;
  private final long[] wrapUpNanos;
  private final boolean[] autoAccept;

  private long now;
  private Instant nowInstant = Instant.EPOCH;
  private long eventSequence;
  private int agentSequence;
  private long itemSequence;
  private int roundRobinCursor = -1;
  /** Rises with every offer and every return to available: the idle order, free of clock ties. */
  private long activityStamp;
  private final long declineMemoryNanos;
  private final ChannelState channels;
  private final SlaTracker sla;
  private final Blender blender;
  /** Campaign work was withheld from agents and may be allowed now: try them when settling. */
  private boolean blendRetryPending;
  private final Affinity affinity;

  /** An engine of the configuration whose decisions the matcher makes, emitting into the sink. */
  public RoutingEngine(EngineConfig config, Function<EngineView, Matcher> matcherFactory,
      EventSink sink) {
    this(config, matcherFactory, sink, ChannelConfig.NONE, (adapterId, message) -> {
      throw new IllegalStateException("no adapters are registered");
    });
  }

  /**
   * An engine that also hosts channel adapters: their conversations, replies and health live in
   * {@link #channels()}, and replies leave through the dispatcher.
   */
  public RoutingEngine(EngineConfig config, Function<EngineView, Matcher> matcherFactory,
      EventSink sink, ChannelConfig channelConfig, ChannelState.Dispatcher dispatcher) {
    this.config = config;
    this.registry = new Registry(config);
    this.sink = sink;
    this.offerTimeoutNanos = nanos(config.offerTimeout());
    this.declineMemoryNanos = nanos(config.declineMemory());
    this.wrapUpNanos = new long[registry.channelCount()];
    this.autoAccept = new boolean[registry.channelCount()];
    for (int c = 0; c < registry.channelCount(); c++) {
      Channel channel = registry.channel(c);
      wrapUpNanos[c] = nanos(config.wrapUp().getOrDefault(channel, Duration.ZERO));
      autoAccept[c] = config.autoAccept().contains(channel);
    }
    int memory = config.finishedItemMemory();
    this.finished = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > memory;
      }
    };
    this.affinity = new Affinity(config.affinity(), make -> emit(make.apply(nextSeq())));
    this.matcher = matcherFactory.apply(this);
    this.channels = new ChannelState(this, channelConfig, dispatcher,
        config.conversationMemory());
    Actions actions = new Actions();
    this.sla = new SlaTracker(config.slaPolicies(), actions);
    this.blender = new Blender(actions, sla);
  }

  // ---------------------------------------------------------------- time

  /** Sets the engine time for the next command or timers. Time never goes backwards. */
  public void setTime(Instant instant) {
    long t = toNanos(instant);
    if (t > now) {
      now = t;
      nowInstant = instant;
      affinity.setTime(instant);
    }
  }

  /** Epoch nanoseconds of an instant, saturating far in the future. */
  public static long toNanos(Instant instant) {
    try {
      return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L),
          instant.getNano());
    } catch (ArithmeticException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The instant of epoch nanoseconds. */
  public static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  /** The earliest pending deadline in epoch nanoseconds, {@link Long#MAX_VALUE} when none. */
  public long nextDeadline() {
    return timers.nextDeadline();
  }


  /** Fires every timer due at the current time, in deadline order; returns how many fired. */
  public int fireDueTimers() {
    int fired = 0;
    Timer t;
    while ((t = timers.pollDue(now)) != null) {
      fired++;
      if (t.kind() == Timer.Kind.HOST) {
        ((Runnable) t.subject()).run();
        settle();
        continue;
      }
      if (t.kind() == Timer.Kind.BLEND) {
        blender.timerFired();
        settle();
        continue;
      }
      if (t.kind() == Timer.Kind.OVERLOAD) {
        checkOverload((LiveAgent) t.subject());
        settle();
        continue;
      }
      LiveItem it = (LiveItem) t.subject();
      switch (t.kind()) {
        case OFFER -> offerTimedOut(it);
        case STEP -> stepExpired(it);
        case WRAP_UP -> finish(it, it.outcome);
        case SLA -> sla.breached(it, SlaClock.FIRST_RESPONSE);
        case DECLINES -> declinesExpired(it);
        case SLA_WARNING -> sla.warned(it, SlaClock.FIRST_RESPONSE);
        case RESOLUTION_WARNING -> sla.warned(it, SlaClock.RESOLUTION);
        case RESOLUTION -> sla.breached(it, SlaClock.RESOLUTION);
        case BLEND, OVERLOAD -> { } // handled above: their subjects are the blender, an agent
      }
      settle();
    }
    return fired;
  }

  // ---------------------------------------------------------------- agents

  /** Adds an agent, offline. */
  public void addAgent(Agent definition) {
    if (agents.containsKey(definition.id())) {
      throw new CommandRejectedException(Reason.DUPLICATE_AGENT,
          "agent '" + definition.id() + "' already exists; use updateAgent to change it");
    }
    registry.check(definition);
    LiveAgent a = new LiveAgent(agentSequence++, definition, registry, ++activityStamp);
    agents.put(a.id(), a);
    matcher.agentAdded(a);
    emit(new AgentAdded(nextSeq(), nowInstant, definition));
  }

  /** Replaces an agent's definition if its current work still fits. */
  public void updateAgent(Agent definition) {
    LiveAgent a = agent(definition.id());
    registry.check(definition);
    checkFits(a, definition);
    matcher.agentRemoved(a);
    a.define(definition, registry);
    a.exclusiveLoad = 0;
    for (LiveItem it : a.held()) {
      if (a.isExclusive(it.channel())) {
        a.exclusiveLoad++;
      }
    }
    matcher.agentAdded(a);
    emit(new AgentUpdated(nextSeq(), nowInstant, definition));
    fill(a);
    recheckOverload(a); // capacity may have changed
    moveOnFromUnstaffedSteps();
  }

  private void checkFits(LiveAgent a, Agent definition) {
    for (int c = 0; c < registry.channelCount(); c++) {
      Channel channel = registry.channel(c);
      int newCapacity = definition.capacityOn(channel);
      if (a.load(c) > newCapacity) {
        throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
            + a.load(c) + " " + channel + " item(s) but the new capacity on " + channel + " is "
            + newCapacity + "; lower capacity after the work finishes");
      }
      if (a.load(c) > 0 && definition.exclusiveChannels().contains(channel)
          && a.totalLoad() > a.load(c)) {
        throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
            + channel + " work beside other work, so " + channel + " cannot become exclusive now");
      }
    }
    if (a.totalLoad() > definition.effectiveTotalCapacity()) {
      throw new CommandRejectedException(Reason.OVER_CAPACITY, "agent '" + a.id() + "' holds "
          + a.totalLoad() + " items but the new total capacity is "
          + definition.effectiveTotalCapacity());
    }
  }

  /** Removes an agent, routing its offered and assigned work again and ending its wrap-ups. */
  public void removeAgent(String agentId) {
    LiveAgent a = agent(agentId);
    matcher.agentRemoved(a);
    a.removed = true;
    agents.remove(agentId);
    for (LiveItem it : new ArrayList<>(a.held())) {
      if (it.state == ItemState.WRAPPING_UP) {
        finish(it, it.outcome);
      } else {
        ItemState from = it.state;
        detach(it);
        emit(new ItemReleased(nextSeq(), nowInstant, it.id(), agentId, from, "agent removed"));
        if (agentId.equals(it.pinnedAgent)) {
          it.pinnedAgent = null;
          startPolicy(it, null);
        } else {
          restartStepWait(it);
          route(it, null);
        }
      }
    }
    for (LiveItem it : new ArrayList<>(items.values())) {
      if (agentId.equals(it.pinnedAgent) && it.state == ItemState.QUEUED) {
        matcher.dequeue(it);
        it.pinnedAgent = null;
        emit(new ItemReleased(nextSeq(), nowInstant, it.id(), agentId, ItemState.QUEUED,
            "agent removed"));
        startPolicy(it, null);
      }
    }
    affinity.agentRemoved(agentId);
    timers.cancel(a.overloadTimer);
    emit(new AgentRemoved(nextSeq(), nowInstant, agentId));
    moveOnFromUnstaffedSteps();
  }

  /** Sets an agent's presence. */
  public void setPresence(String agentId, Presence presence) {
    changePresence(agent(agentId), presence);
  }

  private void changePresence(LiveAgent a, Presence to) {
    Presence from = a.presence;
    if (from.equals(to)) {
      return;
    }
    boolean becomesAvailable = to.status() == Presence.Status.AVAILABLE;
    matcher.beforeAgentChange(a);
    a.presence = to;
    if (becomesAvailable) {
      a.lastActivity = ++activityStamp;
      a.consecutiveMisses = 0;
    }
    matcher.afterAgentChange(a);
    emit(new PresenceChanged(nextSeq(), nowInstant, a.id(), from, to));
    if (becomesAvailable) {
      fill(a);
      return;
    }
    for (LiveItem it : new ArrayList<>(a.held())) {
      if (it.state == ItemState.OFFERED) {
        detach(it);
        emit(new ItemReleased(nextSeq(), nowInstant, it.id(), a.id(), ItemState.OFFERED,
            "agent " + to));
        route(it, null);
      }
    }
    if (!to.loggedIn()) {
      moveOnFromUnstaffedSteps();
    }
  }

  // ---------------------------------------------------------------- items

  /** Accepts new work and routes it. */
  public void submit(WorkItem item) {
    checkNewId(item.id());
    registry.check(item);
    Conversation conversation = item.conversationId().map(this::findConversation).orElse(null);
    if (conversation != null && conversation.hasOpenItem()) {
      throw new CommandRejectedException(Reason.CONVERSATION_ACTIVE, "conversation '"
          + conversation.id + "' already has live item '" + conversation.live.id()
          + "'; send the customer's new message with followUp");
    }
    if (item.createdAt().isPresent() && toNanos(item.createdAt().get()) > now) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "item '" + item.id()
          + "' has createdAt " + item.createdAt().get() + ", after the engine's time "
          + nowInstant + "; allowed: at or before now (or leave it unset)");
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
    if (stampedAt.isEmpty() || stampedAt.get() != nowInstant) {
      stampedAt = Optional.of(nowInstant);
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
  public void followUp(String conversationId, Map<String, Object> attributes) {
    Conversation c = findConversation(conversationId);
    if (c == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_CONVERSATION, "conversation '"
          + conversationId + "' is not known (never submitted, or forgotten after "
          + config.conversationMemory() + " newer conversations went idle)");
    }
    if (c.hasOpenItem()) {
      LiveItem it = c.live;
      emit(new FollowUpReceived(nextSeq(), nowInstant, conversationId, it.id(),
          Optional.ofNullable(it.agent).map(LiveAgent::id), attributes));
      sla.customerWrote(it);
      return;
    }
    int n = c.items + 1;
    while (items.containsKey(conversationId + "#" + n) || finished.containsKey(conversationId + "#" + n)) {
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
  public void channelMessage(String conversationId, Channel channel, String customerId,
      String queue, Map<String, Object> attributes, String preferredAgentId) {
    if (findConversation(conversationId) != null) {
      followUp(conversationId, attributes);
      return;
    }
    int n = 1;
    while (items.containsKey(conversationId + "#" + n)
        || finished.containsKey(conversationId + "#" + n)) {
      n++;
    }
    admit(new WorkItem(conversationId + "#" + n, channel, customerId, queue,
        WorkItem.MIN_PRIORITY, Map.of(), attributes, Optional.of(conversationId),
        Optional.of(nowInstant), Optional.empty()), preferredAgentId);
  }

  private void admit(WorkItem item) {
    admit(item, null);
  }

  /** Admits the item, offering it first to its conversation's last agent, else to the fallback. */
  private void admit(WorkItem item, String fallbackAgentId) {
    long created = toNanos(item.createdAt().orElseThrow());
    long deadline = sla.firstResponseDeadline(item, created);
    LiveItem it = new LiveItem(item, itemSequence++, registry.channelIndex(item.channel()),
        created, deadline);
    it.queue = item.queue();
    it.policy = registry.policy(item.queue());
    items.put(it);
    emit(new ItemSubmitted(nextSeq(), nowInstant, item));
    if (deadline != Long.MAX_VALUE) {
      timers.schedule(it.timer(Timer.Kind.SLA), deadline);
    }
    LiveAgent preferred = fallbackAgentId == null ? null : agents.get(fallbackAgentId);
    sla.admitted(it);
    if (item.conversationId().isPresent()) {
      Conversation c = conversation(item.conversationId().get());
      c.live = it;
      c.lastItem = item;
      c.items++;
      it.conversation = c;
      if (c.lastAgentId != null) {
        preferred = agents.get(c.lastAgentId);
      }
    }
    startPolicy(it, preferred);
  }

  private Conversation findConversation(String id) {
    Conversation c = openConversations.get(id);
    return c != null ? c : idleConversations.get(id);
  }

  /** The conversation an item is being admitted to, moved to (or created as) open. */
  private Conversation conversation(String id) {
    Conversation c = openConversations.get(id);
    if (c == null) {
      c = idleConversations.remove(id);
      if (c == null) {
        c = new Conversation(id);
      }
      openConversations.put(id, c);
    }
    return c;
  }

  /** The conversation's live item ended: it becomes the most recently used idle one. */
  private void conversationIdle(Conversation c) {
    openConversations.remove(c.id);
    idleConversations.put(c.id, c);
    if (idleConversations.size() > config.conversationMemory()) {
      Iterator<Conversation> eldest = idleConversations.values().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** The agent accepts an offer. */
  public void accept(String agentId, String itemId) {
    LiveItem it = offeredTo(agentId, itemId, "accept");
    assign(it, false);
  }

  /** The agent rejects an offer. */
  public void reject(String agentId, String itemId) {
    LiveItem it = offeredTo(agentId, itemId, "reject");
    LiveAgent a = it.agent;
    detach(it);
    decline(it, a);
    emit(new OfferRejected(nextSeq(), nowInstant, itemId, agentId));
    route(it, null);
    fill(a);
  }

  /** The agent completes an assigned item. */
  public void complete(String agentId, String itemId, Outcome outcome) {
    LiveItem it = heldBy(agentId, itemId, ItemState.ASSIGNED, "complete");
    sla.resolved(it);
    long wrap = wrapUpNanos[it.channel()];
    if (wrap == 0) {
      finish(it, outcome);
      return;
    }
    it.state = ItemState.WRAPPING_UP;
    it.outcome = outcome;
    long end = saturatedAdd(now, wrap);
    timers.schedule(it.timer(Timer.Kind.WRAP_UP), end);
    emit(new WrapUpStarted(nextSeq(), nowInstant, itemId, agentId, outcome, toInstant(end)));
  }

  /** The agent ends wrap-up early. */
  public void finishWrapUp(String agentId, String itemId) {
    LiveItem it = heldBy(agentId, itemId, ItemState.WRAPPING_UP, "finish wrap-up of");
    finish(it, it.outcome);
  }

  /** Withdraws a live item. */
  public void cancel(String itemId) {
    LiveItem it = item(itemId);
    if (it.state == ItemState.WRAPPING_UP) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' is"
          + " WRAPPING_UP: the work is done and its outcome recorded; end the wrap-up with"
          + " finishWrapUp instead");
    }
    end(it, ItemState.CANCELLED);
  }

  /** The customer gave up on a queued or offered item. */
  public void abandon(String itemId) {
    LiveItem it = item(itemId);
    if (it.state != ItemState.QUEUED && it.state != ItemState.OFFERED) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' is "
          + it.state + "; only QUEUED or OFFERED items can be abandoned (complete or cancel it)");
    }
    end(it, ItemState.ABANDONED);
  }

  /** Sends an item elsewhere. */
  public void transfer(String itemId, TransferTarget target) {
    LiveItem it = item(itemId);
    if (it.state == ItemState.WRAPPING_UP) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId
          + "' is WRAPPING_UP; only QUEUED, OFFERED or ASSIGNED items can be transferred");
    }
    RoutingPolicy newPolicy = null;
    if (target instanceof TransferTarget.ToQueue q) {
      newPolicy = registry.policy(q.queue());
    } else if (target instanceof TransferTarget.ToAgent to) {
      LiveAgent receiver = agent(to.agentId());
      if (receiver.capacity(it.channel()) == 0) {
        throw new CommandRejectedException(Reason.WRONG_AGENT, "agent '" + to.agentId()
            + "' takes no " + it.item().channel() + " work, so item '" + itemId
            + "' cannot be transferred to that agent");
      }
    } else if (it.pinnedAgent != null || it.step >= it.policy.steps().size() - 1) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' has no next"
          + " step: it is " + (it.pinnedAgent != null ? "waiting for agent '" + it.pinnedAgent
              + "'" : "at the last step of queue '" + it.queue + "'"));
    }
    LiveAgent from = it.agent;
    if (it.state == ItemState.QUEUED) {
      matcher.dequeue(it);
    } else {
      detach(it);
    }
    timers.cancel(it.stepTimer);
    forgetDeclines(it);
    blender.transferred(it);
    emit(new ItemTransferred(nextSeq(), nowInstant, itemId,
        Optional.ofNullable(from).map(LiveAgent::id), target));
    if (target instanceof TransferTarget.ToQueue q) {
      it.queue = q.queue();
      it.policy = newPolicy;
      it.pinnedAgent = null;
      startPolicy(it, null);
    } else if (target instanceof TransferTarget.ToAgent to) {
      it.pinnedAgent = to.agentId();
      it.eligibility = Eligibility.agents(it.channel(), Set.of(to.agentId()));
      route(it, null);
    } else {
      moveToStep(it, it.step + 1, "transfer");
    }
    if (from != null) {
      fill(from);
    }
  }

  // ---------------------------------------------------------------- routing core

  private void startPolicy(LiveItem it, LiveAgent preferred) {
    it.step = -1;
    int target = entryStep(it, 0);
    if (target != 0) {
      String reason = skipReason(it, 0); // may report a store failure: before the event's number
      emit(new StepEscalated(nextSeq(), nowInstant, it.id(), 0, target,
          priorityAt(it, target), reason));
    }
    enterStep(it, target);
    route(it, preferred);
  }

  private void moveToStep(LiveItem it, int requested, String reason) {
    int from = it.step;
    int target = entryStep(it, requested);
    emit(new StepEscalated(nextSeq(), nowInstant, it.id(), from, target, priorityAt(it, target),
        reason));
    enterStep(it, target);
    route(it, null);
  }

  /**
   * After an agent logged out, was removed or redefined: waiting items whose step now has nobody
   * logged in move on to the first later step that has someone, so that no item waits at an
   * unstaffed step while a later one is staffed (with {@code skipEmptySteps}); items at an
   * affinity step whose agents can no longer answer move on in any case. In submission order, for
   * determinism.
   */
  private void moveOnFromUnstaffedSteps() {
    List<LiveItem> stranded = new ArrayList<>(matcher.unstaffedWaiting());
    stranded.sort(Comparator.comparingLong(LiveItem::sequence));
    for (LiveItem it : stranded) {
      int last = it.policy.steps().size() - 1;
      if (it.state != ItemState.QUEUED || it.pinnedAgent != null || it.step >= last) {
        continue;
      }
      boolean agentGone = unreachable(it.eligibility);
      if ((!config.skipEmptySteps() || it.eligibility.personal()) && !agentGone) {
        continue;
      }
      int target = entryStep(it, it.step + 1);
      if (agentGone || matcher.anyLoggedIn(eligibility(it, it.policy.steps().get(target)))) {
        matcher.dequeue(it);
        moveToStep(it, target, agentGone ? "customer's agent offline" : "nobody logged in");
      }
    }
  }

  /** The first step from {@code start} with someone logged in, or {@code start} if none has. */
  private int firstStaffedStep(LiveItem it, int start) {
    List<PolicyStep> steps = it.policy.steps();
    for (int s = start; s < steps.size(); s++) {
      Eligibility e = eligibility(it, steps.get(s));
      // an affinity step the item may wait at counts as staffed: skipOfflineAgents decides
      if (matcher.anyLoggedIn(e) || (e.personal() && !unreachable(e))) {
        return s;
      }
    }
    return start;
  }

  private void enterStep(LiveItem it, int step) {
    it.step = step;
    it.priority = priorityAt(it, step);
    takeEligibility(it);
    forgetDeclines(it);
    Optional<Duration> wait = it.policy.steps().get(step).waitFor(it.item());
    if (wait.isPresent() && step < it.policy.steps().size() - 1) {
      timers.schedule(it.timer(Timer.Kind.STEP), saturatedAdd(now, nanos(wait.get())));
    } else {
      timers.cancel(it.stepTimer);
    }
  }

  /**
   * Starts the wait at the item's step again if it is not running: accepting an item stops it, so
   * assigned work handed back would otherwise wait at a narrow step forever.
   */
  private void restartStepWait(LiveItem it) {
    Optional<Duration> wait = it.policy.steps().get(it.step).waitFor(it.item());
    if (wait.isPresent() && it.step < it.policy.steps().size() - 1
        && (it.stepTimer == null || !it.stepTimer.isScheduled())) {
      timers.schedule(it.timer(Timer.Kind.STEP), saturatedAdd(now, nanos(wait.get())));
    }
  }

  private int priorityAt(LiveItem it, int step) {
    int p = it.item().priority() + it.slaBoost;
    List<PolicyStep> steps = it.policy.steps();
    for (int s = 0; s <= step; s++) {
      p += steps.get(s).priorityBoost();
    }
    return Math.min(p, WorkItem.MAX_PRIORITY);
  }

  private Eligibility computeEligibility(LiveItem it, PolicyStep step) {
    Target target = step.target();
    if (target.isAffinity()) {
      return Affinity.eligibility(it.channel(), target, affinity.lookup(it.item().customerId(), now));
    }
    if (target instanceof Target.Agents named) {
      return Eligibility.agents(it.channel(), named.agentIds());
    }
    Map<String, Integer> levels = target instanceof Target.Skills s
        ? s.minimumLevels() : it.item().requiredSkills();
    int[] skills = new int[levels.size()];
    int[] mins = new int[levels.size()];
    int[] filled = new int[1];
    levels.forEach((skill, level) -> { // sorted by skill index as inserted: a handful of skills
      int index = registry.skillIndex(skill);
      int k = filled[0]++;
      for (; k > 0 && skills[k - 1] > index; k--) {
        skills[k] = skills[k - 1];
        mins[k] = mins[k - 1];
      }
      skills[k] = index;
      mins[k] = level;
    });
    String team = target instanceof Target.Team t ? t.team() : null;
    Eligibility e = Eligibility.skills(it.channel(), skills, mins, team);
    // items with the same requirement share one value: less heap per waiting item
    Eligibility known = eligibilities.putIfAbsent(e, e);
    return known != null ? known : e;
  }

  /**
   * The eligibility of the item at the step: {@link #computeEligibility}, remembered per skill
   * requirement for steps by skills alone (the item's own requirement, or the step's).
   */
  private Eligibility eligibility(LiveItem it, PolicyStep step) {
    Target target = step.target();
    Map<String, Integer> levels = target instanceof Target.Skills s ? s.minimumLevels()
        : target == Target.requiredSkills() ? it.item().requiredSkills() : null;
    if (levels == null) {
      return computeEligibility(it, step);
    }
    int c = it.channel();
    while (bySkills.size() <= c) {
      bySkills.add(new HashMap<>());
      byOneSkill.add(new HashMap<>());
    }
    if (levels.size() == 1) {
      // the common case, looked up by name and level: a map key's equals would iterate entries
      levels.forEach(takeOneSkill);
      Eligibility[] byLevel = byOneSkill.get(c).computeIfAbsent(oneSkill,
          skill -> new Eligibility[Checks.MAX_LEVEL + 1]);
      Eligibility e = byLevel[oneLevel];
      if (e == null) {
        e = byLevel[oneLevel] = computeEligibility(it, step);
      }
      return e;
    }
    Map<Map<String, Integer>, Eligibility> known = bySkills.get(c);
    Eligibility e = known.get(levels);
    if (e == null) {
      e = computeEligibility(it, step);
      known.put(levels, e);
    }
    return e;
  }

  /** Offers the item to the preferred agent if free, else the best agent, else queues it. */
  private void route(LiveItem it, LiveAgent preferred) {
    if (it.campaignData() != null && blender.handBack(it)) {
      end(it, ItemState.CANCELLED); // blended for one agent only: the contact goes back
      return;
    }
    LiveAgent a = preferred != null && preferred.isFree(it.channel()) ? preferred
        : matcher.bestAgent(it);
    if (a != null) {
      offer(it, a);
      return;
    }
    if (unreachable(it.eligibility)) { // its agents left while it was offered elsewhere
      moveToStep(it, it.step + 1, "customer's agent unavailable");
      return;
    }
    it.state = ItemState.QUEUED;
    matcher.enqueue(it);
    emit(new ItemQueued(nextSeq(), nowInstant, it.id(), it.queue, it.step));
    if (it.eligibility.personal()) {
      for (String id : it.eligibility.agents()) {
        LiveAgent named = agents.get(id);
        if (named != null) {
          checkOverload(named);
        }
      }
    }
  }

  /** Offers waiting work to the agent while it has room for some. */
  private void fill(LiveAgent a) {
    while (!a.removed && a.presence.status() == Presence.Status.AVAILABLE) {
      LiveItem it = matcher.bestItem(a);
      if (it == null) {
        it = blendIn(a);
        if (it == null) {
          return;
        }
        offer(it, a);
        continue;
      }
      matcher.dequeue(it);
      offer(it, a);
    }
  }

  private void offer(LiveItem it, LiveAgent a) {
    it.state = ItemState.OFFERED;
    it.agent = a;
    blender.loadChanging(a);
    matcher.beforeAgentChange(a);
    a.hold(it);
    a.lastActivity = ++activityStamp;
    matcher.afterAgentChange(a);
    roundRobinCursor = a.sequence();
    if (autoAccept[it.channel()]) {
      assign(it, true);
    } else {
      long expires = saturatedAdd(now, offerTimeoutNanos);
      timers.schedule(it.timer(Timer.Kind.OFFER), expires);
      emit(new ItemOffered(nextSeq(), nowInstant, it.id(), a.id(), toInstant(expires)));
    }
    recheckOverload(a); // more load: the personal backlog's items come at risk sooner
  }

  private void assign(LiveItem it, boolean auto) {
    it.state = ItemState.ASSIGNED;
    timers.cancel(it.offerTimer);
    timers.cancel(it.stepTimer);
    timers.cancel(it.slaTimer); // the SLA target is for answering; it is answered now
    it.agent.consecutiveMisses = 0;
    affinity.assigned(it, now);
    if (it.conversation != null) {
      it.conversation.lastAgentId = it.agent.id();
    }
    emit(new ItemAssigned(nextSeq(), nowInstant, it.id(), it.agent.id(), auto));
    sla.answered(it);
  }

  private void offerTimedOut(LiveItem it) {
    LiveAgent a = it.agent;
    detach(it);
    decline(it, a);
    a.consecutiveMisses++;
    emit(new OfferTimedOut(nextSeq(), nowInstant, it.id(), a.id(), a.consecutiveMisses));
    if (a.consecutiveMisses >= config.maxConsecutiveMisses()
        && a.presence.status() == Presence.Status.AVAILABLE) {
      changePresence(a, Presence.away(Presence.MISSED_OFFERS));
    }
    route(it, null);
    fill(a);
  }

  /**
   * The agent rejected or missed the item: it is not offered to that agent again until {@code
   * declineMemory} after the item's latest decline, or until the item changes step.
   */
  private void decline(LiveItem it, LiveAgent a) {
    it.decline(a);
    timers.schedule(it.timer(Timer.Kind.DECLINES), saturatedAdd(now, declineMemoryNanos));
  }

  private void forgetDeclines(LiveItem it) {
    it.clearDeclines();
    timers.cancel(it.declineTimer());
  }

  /** Declines have expired: a waiting item may now go to an agent who declined it earlier. */
  private void declinesExpired(LiveItem it) {
    it.clearDeclines();
    if (it.state == ItemState.QUEUED) {
      LiveAgent a = matcher.bestAgent(it);
      if (a != null) {
        matcher.dequeue(it);
        offer(it, a);
      }
    }
  }

  private void stepExpired(LiveItem it) {
    advanceStep(it, "step timed out");
  }

  /** Moves a waiting or offered item one step on; false when it is neither. */
  private boolean advanceStep(LiveItem it, String reason) {
    if (it.state == ItemState.QUEUED) {
      matcher.dequeue(it);
      moveToStep(it, it.step + 1, reason);
    } else if (it.state == ItemState.OFFERED) {
      int from = it.step;
      int to = pastUnreachable(it, from + 1);
      emit(new StepEscalated(nextSeq(), nowInstant, it.id(), from, to, priorityAt(it, to),
          reason));
      enterStep(it, to);
    } else {
      return false;
    }
    return true;
  }

  private void finish(LiveItem it, Outcome outcome) {
    LiveAgent a = it.agent;
    String agentId = a.id();
    detach(it);
    it.state = ItemState.COMPLETED;
    it.outcome = outcome;
    emit(new ItemCompleted(nextSeq(), nowInstant, it.id(), agentId, outcome));
    retire(it);
    affinity.completed(it, a, outcome, now);
    fill(a);
    checkOverload(a);
  }

  /**
   * Runs the overload check for the agent and arms its timer for the moment the check says its
   * first item not yet at risk would become so, so that an agent whose backlog only ages (no new
   * work, no completion) is still found overloaded in time. The moment assumes the backlog, load
   * and handle time of this check; every queued personal item, completion, offer to the agent and
   * change of its definition checks again.
   */
  /**
   * Checks again an agent whose overload timer is armed (clear, with a personal backlog that can
   * come at risk), after a change the timer's moment did not assume: more load, other capacity.
   */
  private void recheckOverload(LiveAgent a) {
    if (a.overloadTimer != null && a.overloadTimer.isScheduled()) {
      checkOverload(a);
    }
  }

  private void checkOverload(LiveAgent a) {
    long again = affinity.checkOverload(a, now, matcher, agents.values());
    Timer t = a.overloadTimer;
    if (again == Long.MAX_VALUE || a.removed) {
      timers.cancel(t);
    } else if (t == null || !t.isScheduled() || t.deadline() != again) {
      timers.schedule(t != null ? t : (a.overloadTimer = new Timer(Timer.Kind.OVERLOAD, a)),
          again);
    }
  }

  private void end(LiveItem it, ItemState finalState) {
    ItemState from = it.state;
    LiveAgent a = it.agent;
    if (from == ItemState.QUEUED) {
      matcher.dequeue(it);
    } else {
      detach(it);
    }
    it.state = finalState;
    emit(finalState == ItemState.CANCELLED
        ? new ItemCancelled(nextSeq(), nowInstant, it.id(), from)
        : new ItemAbandoned(nextSeq(), nowInstant, it.id(), from));
    retire(it);
    if (a != null) {
      fill(a);
    }
  }

  /** Takes the item from its agent (if any), freeing the capacity and stopping its timers. */
  private void detach(LiveItem it) {
    timers.cancel(it.offerTimer);
    timers.cancel(it.wrapUpTimer);
    LiveAgent a = it.agent;
    if (a == null) {
      return;
    }
    blender.loadChanging(a);
    if (a.removed) {
      a.drop(it);
    } else {
      matcher.beforeAgentChange(a);
      a.drop(it);
      matcher.afterAgentChange(a);
    }
    it.agent = null;
  }

  private void retire(LiveItem it) {
    timers.cancel(it.stepTimer);
    timers.cancel(it.declineTimer());
    timers.cancel(it.slaTimer);
    sla.retired(it);
    blender.retired(it, it.outcome);
    items.remove(it.id());
    finished.put(it.id(), Boolean.TRUE);
    if (it.conversation != null && it.conversation.live == it) {
      it.conversation.live = null;
      conversationIdle(it.conversation);
    }
  }

  // ---------------------------------------------------------------- SLA and campaigns

  /** Adds a campaign (a supervisor operation). */
  public void addCampaign(Campaign campaign) {
    blender.addCampaign(campaign);
  }

  /** Adds contacts to the end of a campaign's list. */
  public void addContacts(String campaignId, List<CampaignContact> contacts) {
    blender.addContacts(campaignId, contacts);
  }

  /** Puts an agent or team on a campaign, or changes the pacing (a supervisor operation). */
  public void assignCampaign(CampaignAssignment assignment) {
    blender.assign(assignment);
  }

  /** Takes an agent or team off a campaign (a supervisor operation). */
  public void unassignCampaign(String campaignId, Assignee assignee) {
    blender.unassign(campaignId, assignee);
  }

  /** The agent answered an assigned item and waits for the customer's reply. */
  public void awaitCustomer(String agentId, String itemId) {
    LiveItem it = heldBy(agentId, itemId, ItemState.ASSIGNED, "wait for the customer on");
    if (it.conversation == null) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' has no"
          + " conversation, so no follow-up could end the wait; submit it with a conversation id");
    }
    sla.awaitingCustomer(it);
  }

  /** SLA attainment so far. */
  public SlaReport slaReport() {
    return sla.report();
  }

  /** Campaign progress and shares. */
  public CampaignReport campaignReport() {
    return blender.report();
  }

  /**
   * Finishes what a command or timer left pending: offers campaign work to agents it was
   * withheld from, now that the reason may have gone. Called by the loop after every command and
   * here after every timer, so that blending never runs in the middle of another change.
   */
  public void settle() {
    while (blendRetryPending) {
      blendRetryPending = false;
      for (LiveAgent a : blender.takeWithheld()) {
        if (!a.removed) {
          fill(a);
        }
      }
    }
  }

  /** Campaign work the blender chose for the agent, as a new item ready to offer; or null. */
  private LiveItem blendIn(LiveAgent a) {
    Blend b = blender.blend(a);
    if (b == null) {
      return null;
    }
    WorkItem item = b.item();
    LiveItem it = new LiveItem(item, itemSequence++, registry.channelIndex(item.channel()), now,
        Long.MAX_VALUE);
    it.queue = item.queue();
    it.policy = registry.policy(item.queue());
    it.campaignData(b.campaignData());
    it.step = 0;
    it.priority = priorityAt(it, 0);
    it.eligibility = Eligibility.agents(it.channel(), Set.of(a.id()));
    items.put(it);
    emit(new ItemSubmitted(nextSeq(), nowInstant, item));
    emit(new CampaignWorkBlended(nextSeq(), nowInstant, it.id(), b.campaignId(), b.contactId(),
        a.id(), b.shareBefore()));
    return it;
  }

  /** What the SLA tracker and the blender may do to the engine. */
  private final class Actions implements EngineActions {

    @Override
    public long now() {
      return now;
    }

    @Override
    public Instant nowInstant() {
      return nowInstant;
    }

    @Override
    public long nextSequence() {
      return nextSeq();
    }

    @Override
    public void emit(RoutingEvent event) {
      RoutingEngine.this.emit(event);
    }

    @Override
    public DeadlineQueue timers() {
      return timers;
    }

    @Override
    public boolean raisePriority(LiveItem it, int by) {
      int before = it.priority;
      boolean queued = it.state == ItemState.QUEUED;
      if (queued) {
        matcher.dequeue(it); // the backlog orders by priority: take it out while it changes
      }
      it.slaBoost = Math.min(it.slaBoost + by, WorkItem.MAX_PRIORITY);
      it.priority = priorityAt(it, it.step);
      if (queued) {
        matcher.enqueue(it);
      }
      return it.priority != before;
    }

    @Override
    public boolean widen(LiveItem it, String reason) {
      if (it.pinnedAgent != null || it.step >= it.policy.steps().size() - 1) {
        return false;
      }
      return advanceStep(it, reason);
    }

    @Override
    public boolean reassign(LiveItem it, TransferTarget target) {
      try {
        transfer(it.id(), target);
        return true;
      } catch (CommandRejectedException e) {
        return false; // refused before changing anything
      }
    }

    @Override
    public boolean idInUse(String itemId) {
      return items.containsKey(itemId) || finished.containsKey(itemId);
    }

    @Override
    public void blendingMayResume() {
      blendRetryPending = true;
    }

    @Override
    public EngineView view() {
      return RoutingEngine.this;
    }
  }

  // ---------------------------------------------------------------- affinity

  /**
   * The step to enter from {@code start}: affinity steps with nobody to wait for are passed over,
   * then (when configured) steps with nobody logged in.
   */
  private int entryStep(LiveItem it, int start) {
    int s = pastUnreachable(it, start);
    return config.skipEmptySteps() ? firstStaffedStep(it, s) : s;
  }

  /** The first step from {@code start} that is not an unreachable affinity step. */
  private int pastUnreachable(LiveItem it, int start) {
    int last = it.policy.steps().size() - 1;
    int s = start;
    while (s < last && it.policy.steps().get(s).target().isAffinity()
        && unreachable(eligibility(it, it.policy.steps().get(s)))) {
      s++;
    }
    return s;
  }

  private String skipReason(LiveItem it, int start) {
    return unreachable(eligibility(it, it.policy.steps().get(start)))
        ? "customer's agent unavailable" : "nobody logged in";
  }

  /**
   * True for an affinity eligibility with nobody to wait for: none of the customer's such agents
   * exists and takes work on the channel, or (with {@code skipOfflineAgents}) none is logged in.
   */
  private boolean unreachable(Eligibility e) {
    if (!e.personal()) {
      return false;
    }
    boolean anyAdmitted = false;
    for (String id : e.agents()) {
      LiveAgent a = agents.get(id);
      anyAdmitted |= a != null && e.admits(a);
    }
    return !anyAdmitted || (affinity.options().skipOfflineAgents() && !matcher.anyLoggedIn(e));
  }

  /** Gives the item its step's eligibility; an affinity step remembers its relationships. */
  private void takeEligibility(LiveItem it) {
    PolicyStep step = it.policy.steps().get(it.step);
    Relationships r = null;
    if (step.target().isAffinity()) {
      r = affinity.lookup(it.item().customerId(), now);
      it.eligibility = Affinity.eligibility(it.channel(), step.target(), r);
    } else {
      it.eligibility = eligibility(it, step);
    }
    affinity.entered(it, r, now);
  }

  /** Makes each agent the owner of its customer, all or none; in-flight work follows. */
  public void moveAccounts(Map<String, String> newOwners) {
    newOwners.values().forEach(this::agent);
    newOwners.forEach((customer, agentId) ->
        changeOwner(customer, Optional.of(agentId), "moved by supervisor"));
    rehome(newOwners.keySet());
  }

  /** Clears a customer's owner; queued own-agent work passes on. */
  public void clearOwner(String customerId) {
    changeOwner(customerId, Optional.empty(), "cleared by supervisor");
    rehome(Set.of(customerId));
  }

  private void changeOwner(String customerId, Optional<String> to, String reason) {
    Optional<String> from = affinity.lookup(customerId, now).owner();
    if (!from.equals(to) && affinity.setOwner(customerId, to)) {
      emit(new OwnerChanged(nextSeq(), nowInstant, customerId, from, to, reason));
    }
  }

  /**
   * The in-flight rules of an owner change: the customers' items at an own-agent step take the
   * new owner; queued ones are routed to it at once (or pass on when it cannot be waited for),
   * offered ones keep their offer and go to the new owner if it ends unaccepted. Held, pinned and
   * recent-agent work is untouched. In submission order, for determinism.
   */
  private void rehome(Set<String> customers) {
    for (LiveItem it : new ArrayList<>(items.values())) {
      if (!customers.contains(it.item().customerId()) || !Affinity.atOwnAgentStep(it)) {
        continue;
      }
      if (it.state == ItemState.OFFERED) {
        takeEligibility(it);
        continue;
      }
      matcher.dequeue(it);
      takeEligibility(it);
      if (unreachable(it.eligibility)) {
        moveToStep(it, it.step + 1, "owner moved");
      } else {
        route(it, null);
      }
    }
  }

  /**
   * Folds one customer into another: relationships and the channels' history of {@code
   * fromCustomerId} join {@code intoCustomerId}'s; {@code identities} are those the resolver moved.
   */
  public void mergeCustomers(String fromCustomerId, String intoCustomerId,
      Set<ChannelIdentity> identities) {
    if (fromCustomerId.equals(intoCustomerId)) {
      throw new CommandRejectedException(Reason.INVALID_VALUE, "cannot merge customer '"
          + fromCustomerId + "' into itself; allowed: two different customer ids");
    }
    Optional<String> before = affinity.lookup(intoCustomerId, now).owner();
    affinity.merge(fromCustomerId, intoCustomerId);
    channels.merge(intoCustomerId, fromCustomerId);
    emit(new CustomersMerged(nextSeq(), nowInstant, fromCustomerId, intoCustomerId, identities));
    Optional<String> after = affinity.lookup(intoCustomerId, now).owner();
    if (!before.equals(after)) {
      emit(new OwnerChanged(nextSeq(), nowInstant, intoCustomerId, before, after, "merged"));
    }
  }

  /** The customer's relationships as routing sees them now. */
  public Relationships relationships(String customerId) {
    return affinity.lookup(customerId, now);
  }

  /** Affinity measures so far. */
  public AffinityMeasures affinityMeasures() {
    return affinity.measures();
  }

  /** What the agent holds and what waits for it in particular. */
  public AgentQueue agentQueue(String agentId) {
    LiveAgent a = agent(agentId);
    List<LiveItem> waiting = new ArrayList<>(matcher.waitingFor(a));
    waiting.sort(Orders.BACKLOG);
    return new AgentQueue(agentId, a.presence(), a.held().stream().map(this::itemView).toList(),
        waiting.stream().map(this::itemView).toList());
  }

  private EngineSnapshot.ItemView itemView(LiveItem it) {
    return new EngineSnapshot.ItemView(it.item(), it.state, it.queue, it.step, it.priority,
        Optional.ofNullable(it.agent).map(LiveAgent::id));
  }

  // ---------------------------------------------------------------- lookups

  private void checkNewId(String id) {
    if (items.containsKey(id)) {
      throw new CommandRejectedException(Reason.DUPLICATE_ITEM,
          "item '" + id + "' is already live (" + items.get(id).state + ")");
    }
    if (finished.containsKey(id)) {
      throw new CommandRejectedException(Reason.DUPLICATE_ITEM,
          "item '" + id + "' has already finished; item ids are not reused");
    }
  }

  private LiveAgent agent(String agentId) {
    LiveAgent a = agents.get(agentId);
    if (a == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_AGENT, "no agent '" + agentId + "'");
    }
    return a;
  }

  private LiveItem item(String itemId) {
    LiveItem it = items.get(itemId);
    if (it == null) {
      throw new CommandRejectedException(Reason.UNKNOWN_ITEM, "no live item '" + itemId + "'"
          + (finished.containsKey(itemId) ? " (it has finished)" : ""));
    }
    return it;
  }

  private LiveItem offeredTo(String agentId, String itemId, String verb) {
    agent(agentId);
    LiveItem it = item(itemId);
    if (it.state != ItemState.OFFERED || it.agent == null || !it.agent.id().equals(agentId)) {
      throw new CommandRejectedException(
          it.state == ItemState.OFFERED ? Reason.WRONG_AGENT : Reason.WRONG_STATE,
          "agent '" + agentId + "' cannot " + verb + " item '" + itemId + "': it is " + it.state
              + (it.agent != null ? " with agent '" + it.agent.id() + "'" : "")
              + "; the offer to this agent is not open (it timed out, was revoked or taken)");
    }
    return it;
  }

  private LiveItem heldBy(String agentId, String itemId, ItemState state, String verb) {
    agent(agentId);
    LiveItem it = item(itemId);
    if (it.agent == null || !it.agent.id().equals(agentId)) {
      throw new CommandRejectedException(Reason.WRONG_AGENT, "agent '" + agentId + "' cannot "
          + verb + " item '" + itemId + "': it is held by "
          + (it.agent == null ? "no agent" : "agent '" + it.agent.id() + "'"));
    }
    if (it.state != state) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "agent '" + agentId + "' cannot "
          + verb + " item '" + itemId + "': it is " + it.state + ", not " + state);
    }
    return it;
  }

  // ---------------------------------------------------------------- views

  /** A snapshot of agents and live items. */
  public EngineSnapshot snapshot(long listenerFailures, long droppedEvents) {
    List<EngineSnapshot.AgentView> agentViews = new ArrayList<>(agents.size());
    for (LiveAgent a : agents.values()) {
      Map<Channel, Integer> load = new LinkedHashMap<>();
      for (int c = 0; c < registry.channelCount(); c++) {
        if (a.load(c) > 0) {
          load.put(registry.channel(c), a.load(c));
        }
      }
      agentViews.add(new EngineSnapshot.AgentView(a.definition(), a.presence(), load,
          a.held().stream().map(LiveItem::id).toList(), a.consecutiveMisses()));
    }
    List<EngineSnapshot.ItemView> itemViews = new ArrayList<>(items.size());
    for (LiveItem it : items.values()) {
      itemViews.add(itemView(it));
    }
    return new EngineSnapshot(nowInstant, agentViews, itemViews, listenerFailures, droppedEvents);
  }


  @Override
  public Collection<LiveAgent> agents() {
    return Collections.unmodifiableCollection(agents.values());
  }

  @Override
  public LiveAgent findAgent(String agentId) {
    return agents.get(agentId);
  }

  @Override
  public Collection<LiveItem> items() {
    return Collections.unmodifiableCollection(items.values());
  }

  @Override
  public SelectionStrategy strategy() {
    return config.strategy();
  }

  @Override
  public int roundRobinCursor() {
    return roundRobinCursor;
  }

  @Override
  public Registry registry() {
    return registry;
  }

  /** The channels' state: conversations' adapters, replies in delivery, dead letters. */
  public ChannelState channels() {
    return channels;
  }

  /** One live item as a snapshot would show it, if live. */
  public Optional<EngineSnapshot.ItemView> itemView(String itemId) {
    LiveItem it = items.get(itemId);
    return it == null ? Optional.empty() : Optional.of(new EngineSnapshot.ItemView(it.item(),
        it.state, it.queue, it.step, it.priority, Optional.ofNullable(it.agent).map(LiveAgent::id)));
  }

  /** Schedules a timer of kind {@code HOST}, whose subject is a {@link Runnable}, on the loop. */
  public void schedule(Timer timer, long deadline) {
    timers.schedule(timer, deadline);
  }

  /** Cancels a timer if scheduled. */
  public void cancel(Timer timer) {
    timers.cancel(timer);
  }

  /** Emits an event made with the next sequence number. */
  public void emit(LongFunction<RoutingEvent> event) {
    emit(event.apply(nextSeq()));
  }

  /** Engine time of the last command or timer. */
  public Instant nowInstant() {
    return nowInstant;
  }

  @Override
  public dev.switchboard.affinity.AffinityOptions affinityOptions() {
    return affinity.options();
  }

  /** The matcher making this engine's decisions. */
  public Matcher matcher() {
    return matcher;
  }

  /** Engine time of the last command or timer, in epoch nanoseconds. */
  public long now() {
    return now;
  }

  private long nextSeq() {
    return ++eventSequence;
  }

  private void emit(RoutingEvent event) {
    sink.emit(event);
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The engine's whole state as values, for journal snapshots and comparisons. */
  public StateImage exportState() {
    List<StateImage.AgentImage> agentImages = new ArrayList<>(agents.size());
    for (LiveAgent a : agents.values()) {
      agentImages.add(new StateImage.AgentImage(a.sequence(), a.definition(), a.presence,
          a.lastActivity, a.consecutiveMisses, a.held().stream().map(LiveItem::id).toList()));
    }
    List<StateImage.ItemImage> itemImages = new ArrayList<>(items.size());
    List<Timer> pending = new ArrayList<>();
    for (LiveItem it : items.values()) {
      itemImages.add(new StateImage.ItemImage(it.item(), it.sequence(), it.state, it.queue,
          it.step, it.priority, it.agent == null ? null : it.agent.id(), it.pinnedAgent,
          it.outcome == null ? null : it.outcome.code(), it.declines(),
          it.conversation == null ? null : it.conversation.id, Affinity.trackImage(it.affinity),
          SlaTracker.clocksImage(it), it.slaBoost));
      SlaTracker.timers(it, pending);
      for (Timer t : new Timer[] {it.offerTimer, it.stepTimer, it.wrapUpTimer, it.slaTimer,
          it.declineTimer()}) {
        if (t != null && t.isScheduled()) {
          pending.add(t);
        }
      }
    }
    for (LiveAgent a : agents.values()) {
      if (a.overloadTimer != null && a.overloadTimer.isScheduled()) {
        pending.add(a.overloadTimer);
      }
    }
    pending.addAll(channels.timers());
    if (blender.timer().isScheduled()) {
      pending.add(blender.timer());
    }
    pending.sort(Comparator.comparingLong(Timer::deadline).thenComparingLong(Timer::order));
    List<StateImage.ConversationImage> conversations = new ArrayList<>();
    openConversations.values().stream().sorted(Comparator.comparing(c -> c.id))
        .forEach(c -> conversations.add(conversationImage(c, false)));
    idleConversations.values().forEach(c -> conversations.add(conversationImage(c, true)));
    return new StateImage(now, nowInstant, eventSequence, agentSequence, itemSequence,
        roundRobinCursor, activityStamp, agentImages, itemImages, conversations,
        List.copyOf(finished.keySet()), pending.stream().map(t -> new StateImage.TimerImage(
            t.kind() == Timer.Kind.HOST ? ChannelState.deliveryId(t)
                : t.kind() == Timer.Kind.BLEND ? ""
                : t.kind() == Timer.Kind.OVERLOAD ? ((LiveAgent) t.subject()).id()
                : ((LiveItem) t.subject()).id(), t.kind(),
            t.deadline())).toList(),
        channels.exportImage(), affinity.exportImage(), sla.exportImage(),
        blender.exportImage(items.values()));
  }

  private static StateImage.ConversationImage conversationImage(Conversation c, boolean idle) {
    return new StateImage.ConversationImage(c.id, c.lastItem,
        c.live == null ? null : c.live.id(), c.lastAgentId, c.items, idle);
  }

  /**
   * Sets a fresh engine (no command applied yet) to the state of the image, rebuilding the
   * matcher's indexes from it. The image must come from an engine of the same configuration.
   */
  public void restoreState(StateImage image) {
    if (!agents.isEmpty() || !items.isEmpty() || eventSequence != 0) {
      throw new IllegalStateException("state can only be restored into a fresh engine");
    }
    now = image.now();
    nowInstant = image.nowInstant();
    eventSequence = image.eventSequence();
    agentSequence = image.agentSequence();
    itemSequence = image.itemSequence();
    roundRobinCursor = image.roundRobinCursor();
    activityStamp = image.activityStamp();
    affinity.restoreImage(image.affinity(), nowInstant);
    channels.restoreImage(image.channels());
    for (StateImage.AgentImage ai : image.agents()) {
      LiveAgent a = new LiveAgent(ai.sequence(), ai.definition(), registry, ai.lastActivity());
      a.presence = ai.presence();
      a.consecutiveMisses = ai.consecutiveMisses();
      agents.put(a.id(), a);
    }
    for (StateImage.ConversationImage ci : image.conversations()) {
      Conversation c = new Conversation(ci.id());
      c.lastItem = ci.lastItem();
      c.lastAgentId = ci.lastAgentId();
      c.items = ci.items();
      (ci.idle() ? idleConversations : openConversations).put(c.id, c);
    }
    for (StateImage.ItemImage ii : image.items()) {
      WorkItem item = ii.item();
      long created = toNanos(item.createdAt().orElseThrow());
      // the deadline admit gave it: the item's own target, else its SLA policy's
      LiveItem it = new LiveItem(item, ii.sequence(), registry.channelIndex(item.channel()),
          created, sla.firstResponseDeadline(item, created));
      it.state = ii.state();
      it.queue = ii.queue();
      it.policy = registry.policy(ii.queue());
      it.step = ii.step();
      it.priority = ii.priority();
      it.pinnedAgent = ii.pinnedAgent();
      it.outcome = ii.outcome() == null ? null : Outcome.of(ii.outcome());
      ii.declinedBy().forEach(it::decline);
      it.affinity = Affinity.track(ii.affinity());
      it.slaBoost = ii.slaBoost();
      sla.restoreClocks(it, ii.sla());
      PolicyStep step = it.policy.steps().get(it.step);
      // an affinity step keeps the relationships it was entered with, not today's
      it.eligibility = it.pinnedAgent != null
          ? Eligibility.agents(it.channel(), Set.of(it.pinnedAgent))
          : step.target().isAffinity() && it.relationships() != null
              ? Affinity.eligibility(it.channel(), step.target(), it.relationships())
              : eligibility(it, step);
      if (ii.conversationId() != null) {
        Conversation c = findConversation(ii.conversationId());
        it.conversation = c != null ? c : new Conversation(ii.conversationId());
      }
      items.put(it);
    }
    for (StateImage.ConversationImage ci : image.conversations()) {
      if (ci.liveItem() != null) {
        findConversation(ci.id()).live = items.get(ci.liveItem());
      }
    }
    for (StateImage.AgentImage ai : image.agents()) {
      LiveAgent a = agents.get(ai.definition().id());
      for (String id : ai.held()) {
        LiveItem it = items.get(id);
        it.agent = a;
        a.hold(it);
      }
      matcher.agentAdded(a);
    }
    blender.restoreImage(image.campaigns(), agents::get, items::get);
    for (StateImage.TimerImage ti : image.timers()) {
      timers.schedule(switch (ti.kind()) {
        case HOST -> channels.timer(ti.itemId());
        case BLEND -> blender.timer();
        case OVERLOAD -> {
          LiveAgent a = agents.get(ti.itemId());
          yield a.overloadTimer != null ? a.overloadTimer
              : (a.overloadTimer = new Timer(Timer.Kind.OVERLOAD, a));
        }
        case SLA_WARNING, RESOLUTION_WARNING, RESOLUTION ->
            SlaTracker.timer(items.get(ti.itemId()), ti.kind());
        default -> items.get(ti.itemId()).timer(ti.kind());
      }, ti.deadline());
    }
    sla.restoreImage(image.sla(), items::get);
    for (LiveItem it : items.values()) {
      if (it.state == ItemState.QUEUED) {
        matcher.enqueue(it);
      }
    }
    image.finished().forEach(id -> finished.put(id, Boolean.TRUE));
  }

  /** A non-negative duration in nanoseconds, saturating at about 292 years. */
  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
