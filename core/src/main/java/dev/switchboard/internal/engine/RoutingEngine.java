package dev.switchboard.internal.engine;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.event.RoutingEvent.AgentRemoved;
import dev.switchboard.event.RoutingEvent.AgentUpdated;
import dev.switchboard.event.RoutingEvent.CustomersMerged;
import dev.switchboard.event.RoutingEvent.OwnerChanged;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.campaign.Blender;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.SlaReport;
import dev.switchboard.spi.ChannelIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The routing engine: the entry points the loop calls, one at a time, at the time last given to
 * {@link #setTime}; the timers it fires; and the settling after each. A command either throws
 * {@link CommandRejectedException} before changing anything, or applies fully and emits its
 * events. The same commands at the same times give the same events: nothing here reads a clock,
 * a random source or iteration order of a hash structure.
 *
 * <p>The work is done by collaborators with narrow jobs: {@link AgentBook} (agents, presence,
 * overload), {@link Admission} (new work, follow-ups, conversations), {@link Router} (policy
 * steps, offers, both routing decisions), {@link Items} and {@link Conversations} (the books),
 * the SLA tracker and the campaign blender (acting through {@link EngineActions}), the channels'
 * state, and the matcher's indexes. This class checks a command's ids, hands it to the one that
 * owns it, and answers the views.
 */
public final class RoutingEngine implements EngineView, ChannelState.EnginePort {

  private final EngineConfig config;
  private final Registry registry;
  private final Matcher matcher;
  private final DeadlineQueue timers = new DeadlineQueue();
  private final EngineClock clock = new EngineClock();
  private final Events events;
  private final Items items;
  private final Conversations conversations;
  private final Affinity affinity;
  private final Eligibilities eligibilities;
  private final AgentBook book;
  private final SlaTracker sla;
  private final Blender blender;
  private final Router router;
  private final Admission admission;
  private final OpeningHours hours;
  private final ChannelState channels;
  private final EngineImages images;
  /** Campaign work was withheld from agents and may be allowed now: try them when settling. */
  private boolean blendRetryPending;

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
    this.events = new Events(sink);
    this.items = new Items(config.finishedItemMemory());
    this.conversations = new Conversations(config.conversationMemory());
    this.affinity = new Affinity(config.affinity(), make -> events.emit(make.apply(events.next())));
    this.eligibilities = new Eligibilities(registry, affinity, clock);
    this.matcher = matcherFactory.apply(this);
    this.book = new AgentBook(registry, matcher, affinity, timers, clock, events);
    Actions actions = new Actions();
    this.sla = new SlaTracker(config.slaPolicies(), actions);
    this.blender = new Blender(actions, sla, config.calendars());
    this.router = new Router(config, registry, matcher, timers, clock, events, items,
        conversations, book, eligibilities, affinity, sla, blender);
    this.hours = new OpeningHours(config, registry, timers, clock, events, items, router,
        this::autoReply);
    this.admission = new Admission(config, registry, timers, clock, events, items,
        conversations, book, sla, hours);
    this.channels = new ChannelState(this, channelConfig, dispatcher,
        config.conversationMemory());
    this.images = new EngineImages(registry, matcher, timers, clock, events, items,
        conversations, book, eligibilities, affinity, sla, blender, router, channels, hours);
  }

  /** A closed queue's automatic reply, through the channels made after the opening hours. */
  private Optional<String> autoReply(String conversationId, String body) {
    return channels.autoReply(conversationId, body);
  }

  // ---------------------------------------------------------------- time and timers

  /** Sets the engine time for the next command or timers. Time never goes backwards. */
  public void setTime(Instant instant) {
    if (clock.advanceTo(instant)) {
      affinity.setTime(instant);
    }
  }

  /** The earliest pending deadline in epoch nanoseconds, {@link Long#MAX_VALUE} when none. */
  public long nextDeadline() {
    return timers.nextDeadline();
  }

  /** Fires every timer due at the current time, in deadline order; returns how many fired. */
  public int fireDueTimers() {
    int fired = 0;
    Timer<?> t;
    while ((t = timers.pollDue(clock.now)) != null) {
      fired++;
      t.fire();
      settle();
    }
    return fired;
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
          router.fill(a);
        }
      }
    }
  }

  // ---------------------------------------------------------------- agents

  /** Adds an agent, offline. */
  public void addAgent(Agent definition) {
    book.add(definition);
  }

  /** Replaces an agent's definition if its current work still fits. */
  public void updateAgent(Agent definition) {
    LiveAgent a = book.redefine(definition);
    events.emit(new AgentUpdated(events.next(), clock.nowInstant, definition));
    router.fill(a);
    book.recheckOverload(a); // capacity may have changed
    router.moveOnFromUnstaffedSteps();
  }

  /** Removes an agent, routing its offered and assigned work again and ending its wrap-ups. */
  public void removeAgent(String agentId) {
    LiveAgent a = book.remove(agentId);
    router.releaseWorkOf(a);
    book.forget(a);
    events.emit(new AgentRemoved(events.next(), clock.nowInstant, agentId));
    router.moveOnFromUnstaffedSteps();
  }

  /** Sets an agent's presence. */
  public void setPresence(String agentId, Presence presence) {
    router.changePresence(book.require(agentId), presence);
  }

  // ---------------------------------------------------------------- items

  /** Accepts new work and routes it. */
  public void submit(WorkItem item) {
    admission.submit(item);
  }

  /** A customer wrote again in a conversation. */
  public void followUp(String conversationId, Map<String, Object> attributes) {
    admission.followUp(conversationId, attributes);
  }

  /**
   * A customer's message from a channel adapter: a follow-up when the conversation is known,
   * otherwise a new item {@code conversationId#n} offered first to {@code preferredAgentId} (the
   * agent who last answered the customer), if given and free.
   */
  @Override
  public void channelMessage(String conversationId, Channel channel, String customerId,
      String queue, Map<String, Object> attributes, String preferredAgentId) {
    admission.channelMessage(conversationId, channel, customerId, queue, attributes,
        preferredAgentId);
  }

  /** The agent accepts an offer. */
  public void accept(String agentId, String itemId) {
    router.assign(offeredTo(agentId, itemId, "accept"), false);
  }

  /** The agent rejects an offer. */
  public void reject(String agentId, String itemId) {
    router.reject(offeredTo(agentId, itemId, "reject"));
  }

  /** The agent completes an assigned item. */
  public void complete(String agentId, String itemId, Outcome outcome) {
    router.complete(heldBy(agentId, itemId, ItemState.ASSIGNED, "complete"), outcome);
  }

  /** The agent ends wrap-up early. */
  public void finishWrapUp(String agentId, String itemId) {
    LiveItem it = heldBy(agentId, itemId, ItemState.WRAPPING_UP, "finish wrap-up of");
    router.finish(it, it.outcome);
  }

  /** Withdraws a live item. */
  public void cancel(String itemId) {
    LiveItem it = items.require(itemId);
    if (it.state == ItemState.WRAPPING_UP) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' is"
          + " WRAPPING_UP: the work is done and its outcome recorded; end the wrap-up with"
          + " finishWrapUp instead");
    }
    router.end(it, ItemState.CANCELLED);
  }

  /** The customer gave up on a queued, offered or held item. */
  public void abandon(String itemId) {
    LiveItem it = items.require(itemId);
    if (it.state != ItemState.QUEUED && it.state != ItemState.OFFERED
        && it.state != ItemState.HELD) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' is "
          + it.state + "; only QUEUED, OFFERED or HELD items can be abandoned (complete or cancel"
          + " it)");
    }
    router.end(it, ItemState.ABANDONED);
  }

  /** Sends an item elsewhere. */
  public void transfer(String itemId, TransferTarget target) {
    router.transfer(items.require(itemId), target);
  }

  /** The agent answered an assigned item and waits for the customer's reply. */
  public void awaitCustomer(String agentId, String itemId) {
    LiveItem it = heldBy(agentId, itemId, ItemState.ASSIGNED, "wait for the customer on");
    if (it.item().conversationId().isEmpty()) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' has no"
          + " conversation, so no follow-up could end the wait; submit it with a conversation id");
    }
    sla.awaitingCustomer(it);
  }

  private LiveItem offeredTo(String agentId, String itemId, String verb) {
    book.require(agentId);
    LiveItem it = items.require(itemId);
    if (it.state != ItemState.OFFERED || it.agent == null || !it.agent.id().equals(agentId)) {
      String why = switch (it.state) {
        case QUEUED -> "it is waiting in queue '" + it.queue + "', offered to no one (an earlier"
            + " offer, if any, timed out or was revoked): an agent may " + verb + " only an item"
            + " the engine offers it";
        case OFFERED -> "it is offered to agent '" + it.agent.id() + "', not to this agent";
        default -> "it is " + it.state + (it.agent != null ? " with agent '" + it.agent.id()
            + "'" : "") + ", so no offer is open (it was accepted, timed out or revoked)";
      };
      throw new CommandRejectedException(
          it.state == ItemState.OFFERED ? Reason.WRONG_AGENT : Reason.WRONG_STATE,
          "agent '" + agentId + "' cannot " + verb + " item '" + itemId + "': " + why);
    }
    return it;
  }

  private LiveItem heldBy(String agentId, String itemId, ItemState state, String verb) {
    book.require(agentId);
    LiveItem it = items.require(itemId);
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

  // ---------------------------------------------------------------- campaigns and SLA

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

  /** SLA attainment so far. */
  public SlaReport slaReport() {
    return sla.report();
  }

  /** Campaign progress and shares. */
  public CampaignReport campaignReport() {
    return blender.report();
  }

  /** What the SLA tracker and the blender may do to the engine. */
  private final class Actions implements EngineActions {

    @Override
    public long now() {
      return clock.now;
    }

    @Override
    public Instant nowInstant() {
      return clock.nowInstant;
    }

    @Override
    public long nextSequence() {
      return events.next();
    }

    @Override
    public void emit(RoutingEvent event) {
      events.emit(event);
    }

    @Override
    public DeadlineQueue timers() {
      return timers;
    }

    @Override
    public boolean raisePriority(LiveItem it, int by) {
      return router.raisePriority(it, by);
    }

    @Override
    public boolean widen(LiveItem it, String reason) {
      return router.widen(it, reason);
    }

    @Override
    public boolean reassign(LiveItem it, TransferTarget target) {
      try {
        router.transfer(it, target);
        return true;
      } catch (CommandRejectedException e) {
        return false; // refused before changing anything
      }
    }

    @Override
    public boolean idInUse(String itemId) {
      return items.inUse(itemId);
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

  // ---------------------------------------------------------------- relationships

  /** Makes each agent the owner of its customer, all or none; in-flight work follows. */
  public void moveAccounts(Map<String, String> newOwners) {
    newOwners.values().forEach(book::require);
    newOwners.forEach((customer, agentId) ->
        changeOwner(customer, Optional.of(agentId), "moved by supervisor"));
    router.rehome(newOwners.keySet());
  }

  /** Clears a customer's owner; queued own-agent work passes on. */
  public void clearOwner(String customerId) {
    changeOwner(customerId, Optional.empty(), "cleared by supervisor");
    router.rehome(Set.of(customerId));
  }

  private void changeOwner(String customerId, Optional<String> to, String reason) {
    Optional<String> from = affinity.lookup(customerId, clock.now).owner();
    if (!from.equals(to) && affinity.setOwner(customerId, to)) {
      events.emit(new OwnerChanged(events.next(), clock.nowInstant, customerId, from, to,
          reason));
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
    Optional<String> before = affinity.lookup(intoCustomerId, clock.now).owner();
    affinity.merge(fromCustomerId, intoCustomerId);
    channels.merge(intoCustomerId, fromCustomerId);
    events.emit(new CustomersMerged(events.next(), clock.nowInstant, fromCustomerId,
        intoCustomerId, identities));
    Optional<String> after = affinity.lookup(intoCustomerId, clock.now).owner();
    if (!before.equals(after)) {
      events.emit(new OwnerChanged(events.next(), clock.nowInstant, intoCustomerId, before,
          after, "merged"));
    }
  }

  /** The customer's relationships as routing sees them now. */
  public Relationships relationships(String customerId) {
    return affinity.lookup(customerId, clock.now);
  }

  /** Affinity measures so far. */
  public AffinityMeasures affinityMeasures() {
    return affinity.measures();
  }

  /** What the agent holds and what waits for it in particular. */
  public AgentQueue agentQueue(String agentId) {
    LiveAgent a = book.require(agentId);
    List<LiveItem> waiting = new ArrayList<>(matcher.waitingFor(a));
    waiting.sort(Orders.BACKLOG);
    return new AgentQueue(agentId, a.presence(), items.heldBy(a).stream().map(this::itemView).toList(),
        waiting.stream().map(this::itemView).toList());
  }

  // ---------------------------------------------------------------- views

  /** A snapshot of agents and live items. */
  public EngineSnapshot snapshot(long listenerFailures, long droppedEvents) {
    List<EngineSnapshot.AgentView> agentViews = new ArrayList<>(book.agents.size());
    for (LiveAgent a : book.values()) {
      Map<Channel, Integer> load = new LinkedHashMap<>();
      for (int c = 0; c < registry.channelCount(); c++) {
        if (a.load(c) > 0) {
          load.put(registry.channel(c), a.load(c));
        }
      }
      agentViews.add(new EngineSnapshot.AgentView(a.definition(), a.presence(), load,
          a.held().stream().map(HeldItem::id).toList(), a.consecutiveMisses()));
    }
    List<EngineSnapshot.ItemView> itemViews = new ArrayList<>(items.size());
    for (LiveItem it : items.values()) {
      itemViews.add(itemView(it));
    }
    return new EngineSnapshot(clock.nowInstant, agentViews, itemViews, listenerFailures,
        droppedEvents);
  }

  private EngineSnapshot.ItemView itemView(LiveItem it) {
    return new EngineSnapshot.ItemView(it.item(), it.state, it.queue, it.step, it.priority,
        Optional.ofNullable(it.agent).map(LiveAgent::id));
  }

  /** One live item as a snapshot would show it, if live. */
  @Override
  public Optional<EngineSnapshot.ItemView> itemView(String itemId) {
    LiveItem it = items.get(itemId);
    return it == null ? Optional.empty() : Optional.of(itemView(it));
  }

  @Override
  public Collection<LiveAgent> agents() {
    return Collections.unmodifiableCollection(book.values());
  }

  @Override
  public LiveAgent findAgent(String agentId) {
    return book.get(agentId);
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
    return book.roundRobinCursor;
  }

  @Override
  public Registry registry() {
    return registry;
  }

  @Override
  public AffinityOptions affinityOptions() {
    return affinity.options();
  }

  /** Engine time of the last command or timer, in epoch nanoseconds. */
  @Override
  public long now() {
    return clock.now;
  }

  /** Engine time of the last command or timer. */
  @Override
  public Instant nowInstant() {
    return clock.nowInstant;
  }

  /** The channels' state: conversations' adapters, replies in delivery, dead letters. */
  public ChannelState channels() {
    return channels;
  }

  /** The matcher making this engine's decisions. */
  public Matcher matcher() {
    return matcher;
  }

  /** Schedules a timer on the loop (the channels' delivery timers). */
  @Override
  public void schedule(Timer<?> timer, long deadline) {
    timers.schedule(timer, deadline);
  }

  /** Cancels a timer if scheduled. */
  @Override
  public void cancel(Timer<?> timer) {
    timers.cancel(timer);
  }

  /** Emits an event made with the next sequence number. */
  @Override
  public void emit(LongFunction<RoutingEvent> event) {
    events.emit(event.apply(events.next()));
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The engine's whole state as values, for journal snapshots and comparisons. */
  public StateImage exportState() {
    return images.export();
  }

  /**
   * Sets a fresh engine (no command applied yet) to the state of the image, rebuilding the
   * matcher's indexes from it. The image must come from an engine of the same configuration.
   */
  public void restoreState(StateImage image) {
    images.restore(image);
  }



}
