package dev.switchboard.internal.engine;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.event.RoutingEvent.CampaignWorkBlended;
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
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.event.RoutingEvent.WrapUpStarted;
import dev.switchboard.internal.campaign.Blend;
import dev.switchboard.internal.campaign.Blender;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routing: where an item is in its policy and who gets it. Moves items through their policy's
 * steps (entering, skipping unreachable or unstaffed ones, expiring), offers them to the best
 * eligible agent or queues them, fills agents who have room, and carries offers through accept,
 * reject, timeout, completion, wrap-up and withdrawal. Both of the engine's decisions go through
 * here: {@link #route} (an item looks for an agent) and {@link #fill} (an agent looks for work).
 */
final class Router {

  private final EngineConfig config;
  private final Registry registry;
  private final Matcher matcher;
  private final DeadlineQueue timers;
  private final EngineClock clock;
  private final Events events;
  private final Items items;
  private final Conversations conversations;
  private final AgentBook agents;
  private final Eligibilities eligibilities;
  private final Affinity affinity;
  private final SlaTracker sla;
  private final Blender blender;
  private final long offerTimeoutNanos;
  private final long declineMemoryNanos;
  private final long[] wrapUpNanos;
  private final boolean[] autoAccept;
  private final Timer.Action<LiveItem> offerExpiry =
      new Timer.Action<>(Timer.Kind.OFFER, this::offerTimedOut, LiveItem::id);
  private final Timer.Action<LiveItem> stepExpiry =
      new Timer.Action<>(Timer.Kind.STEP, this::stepExpired, LiveItem::id);
  private final Timer.Action<LiveItem> wrapUpEnd =
      new Timer.Action<>(Timer.Kind.WRAP_UP, it -> finish(it, it.outcome), LiveItem::id);
  private final Timer.Action<LiveItem> declinesExpiry =
      new Timer.Action<>(Timer.Kind.DECLINES, this::declinesExpired, LiveItem::id);

  Router(EngineConfig config, Registry registry, Matcher matcher, DeadlineQueue timers,
      EngineClock clock, Events events, Items items, Conversations conversations,
      AgentBook agents, Eligibilities eligibilities, Affinity affinity, SlaTracker sla,
      Blender blender) {
    this.config = config;
    this.registry = registry;
    this.matcher = matcher;
    this.timers = timers;
    this.clock = clock;
    this.events = events;
    this.items = items;
    this.conversations = conversations;
    this.agents = agents;
    this.eligibilities = eligibilities;
    this.affinity = affinity;
    this.sla = sla;
    this.blender = blender;
    this.offerTimeoutNanos = Nanos.of(config.offerTimeout());
    this.declineMemoryNanos = Nanos.of(config.declineMemory());
    this.wrapUpNanos = new long[registry.channelCount()];
    this.autoAccept = new boolean[registry.channelCount()];
    for (int c = 0; c < registry.channelCount(); c++) {
      wrapUpNanos[c] = Nanos.of(config.wrapUp().getOrDefault(registry.channel(c), Duration.ZERO));
      autoAccept[c] = config.autoAccept().contains(registry.channel(c));
    }
  }

  void startPolicy(LiveItem it, LiveAgent preferred) {
    it.step = -1;
    int target = entryStep(it, 0);
    if (target != 0) {
      String reason = skipReason(it, 0); // may report a store failure: before the event's number
      events.emit(new StepEscalated(events.next(), clock.nowInstant, it.id(), 0, target,
          priorityAt(it, target), reason));
    }
    enterStep(it, target);
    route(it, preferred);
  }

  private void moveToStep(LiveItem it, int requested, String reason) {
    int from = it.step;
    int target = entryStep(it, requested);
    events.emit(new StepEscalated(events.next(), clock.nowInstant, it.id(), from, target,
        priorityAt(it, target), reason));
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
  void moveOnFromUnstaffedSteps() {
    List<LiveItem> stranded = new ArrayList<>(matcher.unstaffedWaiting());
    stranded.sort(Comparator.comparingLong(LiveItem::sequence));
    for (LiveItem it : stranded) {
      int last = it.policy.steps().size() - 1;
      if (it.state != ItemState.QUEUED || it.pin != null || it.step >= last) {
        continue;
      }
      boolean agentGone = unreachable(it.eligibility);
      if ((!config.skipEmptySteps() || it.eligibility.personal()) && !agentGone) {
        continue;
      }
      int target = entryStep(it, it.step + 1);
      if (agentGone || matcher.anyLoggedIn(eligibilities.of(it, it.policy.steps().get(target)))) {
        matcher.dequeue(it);
        moveToStep(it, target, agentGone ? "customer's agent offline" : "nobody logged in");
      }
    }
  }

  /** The first step from {@code start} with someone logged in, or {@code start} if none has. */
  private int firstStaffedStep(LiveItem it, int start) {
    List<PolicyStep> steps = it.policy.steps();
    for (int s = start; s < steps.size(); s++) {
      Eligibility e = eligibilities.of(it, steps.get(s));
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
      timers.schedule(it.timer(stepExpiry), Nanos.after(clock.now, Nanos.of(wait.get())));
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
      timers.schedule(it.timer(stepExpiry), Nanos.after(clock.now, Nanos.of(wait.get())));
    }
  }

  /** The item's priority at the step of its policy: its own, its SLA boosts and the steps'. */
  int priorityAt(LiveItem it, int step) {
    int p = it.item().priority() + it.slaBoost;
    List<PolicyStep> steps = it.policy.steps();
    for (int s = 0; s <= step; s++) {
      p += steps.get(s).priorityBoost();
    }
    return Math.min(p, WorkItem.MAX_PRIORITY);
  }

  /** Offers the item to the preferred agent if free, else the best agent, else queues it. */
  void route(LiveItem it, LiveAgent preferred) {
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
    events.emit(new ItemQueued(events.next(), clock.nowInstant, it.id(), it.queue, it.step));
    if (it.eligibility.personal()) {
      for (String id : it.eligibility.agents()) {
        LiveAgent named = agents.get(id);
        if (named != null) {
          agents.checkOverload(named);
        }
      }
    }
  }

  /** Offers waiting work to the agent while it has room for some. */
  void fill(LiveAgent a) {
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
    agents.hold(a, it);
    if (autoAccept[it.channel()]) {
      assign(it, true);
    } else {
      long expires = Nanos.after(clock.now, offerTimeoutNanos);
      timers.schedule(it.timer(offerExpiry), expires);
      events.emit(new ItemOffered(events.next(), clock.nowInstant, it.id(), a.id(),
          Nanos.instant(expires)));
    }
    agents.recheckOverload(a); // more load: the personal backlog's items come at risk sooner
  }

  void assign(LiveItem it, boolean auto) {
    it.state = ItemState.ASSIGNED;
    timers.cancel(it.offerTimer);
    timers.cancel(it.stepTimer);
    timers.cancel(it.slaTimer); // the SLA target is for answering; it is answered now
    it.agent.consecutiveMisses = 0;
    AffinityMatch match = affinity.assigned(it, clock.now);
    if (it.item().conversationId().isPresent()) {
      conversations.find(it.item().conversationId().get()).lastAgentId = it.agent.id();
    }
    events.emit(new ItemAssigned(events.next(), clock.nowInstant, it.id(), it.agent.id(), auto,
        match, Duration.ofNanos(it.affinity.answeredWait)));
    sla.answered(it);
  }

  private void offerTimedOut(LiveItem it) {
    LiveAgent a = it.agent;
    detach(it);
    decline(it, a);
    a.consecutiveMisses++;
    events.emit(new OfferTimedOut(events.next(), clock.nowInstant, it.id(), a.id(),
        a.consecutiveMisses));
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
    timers.schedule(it.timer(declinesExpiry), Nanos.after(clock.now, declineMemoryNanos));
  }

  private void forgetDeclines(LiveItem it) {
    it.clearDeclines();
    timers.cancel(it.declineTimer());
  }

  /** Declines have expired: a waiting item may clock.now go to an agent who declined it earlier. */
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
      events.emit(new StepEscalated(events.next(), clock.nowInstant, it.id(), from, to,
          priorityAt(it, to), reason));
      enterStep(it, to);
    } else {
      return false;
    }
    return true;
  }

  void finish(LiveItem it, Outcome outcome) {
    LiveAgent a = it.agent;
    String agentId = a.id();
    detach(it);
    it.state = ItemState.COMPLETED;
    it.outcome = outcome;
    events.emit(new ItemCompleted(events.next(), clock.nowInstant, it.id(), agentId, outcome));
    retire(it);
    affinity.completed(it, a, outcome, clock.now);
    fill(a);
    agents.checkOverload(a);
  }

  void end(LiveItem it, ItemState finalState) {
    ItemState from = it.state;
    LiveAgent a = it.agent;
    if (from == ItemState.QUEUED) {
      matcher.dequeue(it);
    } else {
      detach(it);
    }
    it.state = finalState;
    events.emit(finalState == ItemState.CANCELLED
        ? new ItemCancelled(events.next(), clock.nowInstant, it.id(), from)
        : new ItemAbandoned(events.next(), clock.nowInstant, it.id(), from));
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
    agents.drop(a, it);
    it.agent = null;
  }

  private void retire(LiveItem it) {
    timers.cancel(it.stepTimer);
    timers.cancel(it.declineTimer());
    timers.cancel(it.slaTimer);
    sla.retired(it);
    blender.retired(it, it.outcome);
    items.finish(it);
    if (it.item().conversationId().isPresent()) {
      Conversation c = conversations.find(it.item().conversationId().get());
      if (c != null && c.live == it) {
        c.live = null;
        conversations.idle(c);
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
    LiveItem it = new LiveItem(item, items.sequence++, registry.channelIndex(item.channel()),
        clock.now, Long.MAX_VALUE);
    it.queue = item.queue();
    it.policy = registry.policy(item.queue());
    it.campaignData(b.campaignData());
    it.step = 0;
    it.priority = priorityAt(it, 0);
    it.eligibility = Eligibility.agents(it.channel(), Set.of(a.id()));
    items.add(it);
    events.emit(new ItemSubmitted(events.next(), clock.nowInstant, item));
    events.emit(new CampaignWorkBlended(events.next(), clock.nowInstant, it.id(), b.campaignId(),
        b.contactId(), a.id(), b.shareBefore()));
    return it;
  }

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
        && unreachable(eligibilities.of(it, it.policy.steps().get(s)))) {
      s++;
    }
    return s;
  }

  private String skipReason(LiveItem it, int start) {
    return unreachable(eligibilities.of(it, it.policy.steps().get(start)))
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
      anyAdmitted |= a != null && a.meets(e);
    }
    return !anyAdmitted || (affinity.options().skipOfflineAgents() && !matcher.anyLoggedIn(e));
  }

  /** Gives the item its step's eligibility; an affinity step remembers its relationships. */
  private void takeEligibility(LiveItem it) {
    PolicyStep step = it.policy.steps().get(it.step);
    Relationships r = null;
    if (step.target().isAffinity()) {
      r = affinity.lookup(it.item().customerId(), clock.now);
      it.eligibility = Affinity.eligibility(it.channel(), step.target(), r);
    } else {
      it.eligibility = eligibilities.of(it, step);
    }
    affinity.entered(it, r, clock.now);
  }

  /**
   * The in-flight rules of an owner change: the customers' items at an own-agent step take the
   * new owner; queued ones are routed to it at once (or pass on when it cannot be waited for),
   * offered ones keep their offer and go to the new owner if it ends unaccepted. Held, pinned and
   * recent-agent work is untouched. In submission order, for determinism.
   */
  void rehome(Set<String> customers) {
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
   * The agent's presence changes: one who becomes available takes waiting work; one who does
   * not gives back its open offers, and one who logs out may leave items at unstaffed steps.
   */
  void changePresence(LiveAgent a, Presence to) {
    if (!agents.setPresence(a, to)) {
      return;
    }
    boolean becomesAvailable = to.status() == Presence.Status.AVAILABLE;
    if (becomesAvailable) {
      fill(a);
      return;
    }
    for (LiveItem it : items.heldBy(a)) {
      if (it.state == ItemState.OFFERED) {
        detach(it);
        events.emit(new ItemReleased(events.next(), clock.nowInstant, it.id(), a.id(),
            ItemState.OFFERED, "agent " + to));
        route(it, null);
      }
    }
    if (!to.loggedIn()) {
      moveOnFromUnstaffedSteps();
    }
  }

  /** Sends an item elsewhere; refused before anything changes when it cannot go there. */
  void transfer(LiveItem it, TransferTarget target) {
    String itemId = it.id();
    if (it.state == ItemState.WRAPPING_UP) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId
          + "' is WRAPPING_UP; only QUEUED, OFFERED or ASSIGNED items can be transferred");
    }
    RoutingPolicy newPolicy = null;
    if (target instanceof TransferTarget.ToQueue q) {
      newPolicy = registry.policy(q.queue());
    } else if (target instanceof TransferTarget.ToAgent to) {
      LiveAgent receiver = agents.require(to.agentId());
      if (receiver.capacity(it.channel()) == 0) {
        throw new CommandRejectedException(Reason.WRONG_AGENT, "agent '" + to.agentId()
            + "' takes no " + it.item().channel() + " work, so item '" + itemId
            + "' cannot be transferred to that agent");
      }
    } else if (target instanceof TransferTarget.Matching m) {
      registry.check(m.expression(), "item '" + itemId + "' cannot be transferred to agents"
          + " meeting");
    } else if (it.pin != null || it.step >= it.policy.steps().size() - 1) {
      throw new CommandRejectedException(Reason.WRONG_STATE, "item '" + itemId + "' has no next"
          + " step: it is " + (it.pin != null ? "waiting for " + pinText(it)
              : "at the last step of queue '" + it.queue + "'"));
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
    events.emit(new ItemTransferred(events.next(), clock.nowInstant, itemId,
        Optional.ofNullable(from).map(LiveAgent::id), target));
    if (target instanceof TransferTarget.ToQueue q) {
      it.queue = q.queue();
      it.policy = newPolicy;
      it.pin = null;
      startPolicy(it, null);
    } else if (target instanceof TransferTarget.ToAgent to) {
      it.pin = to;
      it.eligibility = Eligibility.agents(it.channel(), Set.of(to.agentId()));
      route(it, null);
    } else if (target instanceof TransferTarget.Matching m) {
      // no agent meeting it is no error: the item waits, as at a policy step nobody can take
      it.pin = m;
      it.eligibility = eligibilities.pinned(it, m.expression());
      route(it, null);
    } else {
      moveToStep(it, it.step + 1, "transfer");
    }
    if (from != null) {
      fill(from);
    }
  }

  /** What a pinned item waits for, for messages. */
  private static String pinText(LiveItem it) {
    return it.pinnedAgent() != null ? "agent '" + it.pinnedAgent() + "'"
        : "agents meeting '" + it.pinnedExpression() + "'";
  }

  /** The agent holding the offer rejects it. */
  void reject(LiveItem it) {
    LiveAgent a = it.agent;
    detach(it);
    decline(it, a);
    events.emit(new OfferRejected(events.next(), clock.nowInstant, it.id(), a.id()));
    route(it, null);
    fill(a);
  }

  /** The agent holding the assigned item completes it: wrap-up, or finished at once. */
  void complete(LiveItem it, Outcome outcome) {
    sla.resolved(it);
    long wrap = wrapUpNanos[it.channel()];
    if (wrap == 0) {
      finish(it, outcome);
      return;
    }
    it.state = ItemState.WRAPPING_UP;
    it.outcome = outcome;
    long end = Nanos.after(clock.now, wrap);
    timers.schedule(it.timer(wrapUpEnd), end);
    events.emit(new WrapUpStarted(events.next(), clock.nowInstant, it.id(), it.agent.id(), outcome,
        Nanos.instant(end)));
  }

  /**
   * The removed agent's work moves on: wrap-ups end, offered and assigned items are released and
   * routed again (pinned to it, they start their policy over; pinned to an expression, they keep
   * waiting for agents meeting it), and queued items pinned to it start over.
   */
  void releaseWorkOf(LiveAgent a) {
    String agentId = a.id();
    for (LiveItem it : items.heldBy(a)) {
      if (it.state == ItemState.WRAPPING_UP) {
        finish(it, it.outcome);
      } else {
        ItemState from = it.state;
        detach(it);
        events.emit(new ItemReleased(events.next(), clock.nowInstant, it.id(), agentId, from,
            "agent removed"));
        if (agentId.equals(it.pinnedAgent())) {
          it.pin = null;
          startPolicy(it, null);
        } else {
          if (it.pin == null) { // a pinned item has no step wait: it waits for its pin
            restartStepWait(it);
          }
          route(it, null);
        }
      }
    }
    for (LiveItem it : new ArrayList<>(items.values())) {
      if (agentId.equals(it.pinnedAgent()) && it.state == ItemState.QUEUED) {
        matcher.dequeue(it);
        it.pin = null;
        events.emit(new ItemReleased(events.next(), clock.nowInstant, it.id(), agentId,
            ItemState.QUEUED, "agent removed"));
        startPolicy(it, null);
      }
    }
  }

  /** Raises the item's priority for good (an SLA escalation); false when it did not change. */
  boolean raisePriority(LiveItem it, int by) {
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

  /** Moves a waiting or offered item to its policy's next step now; false when it cannot. */
  boolean widen(LiveItem it, String reason) {
    if (it.pin != null || it.step >= it.policy.steps().size() - 1) {
      return false;
    }
    return advanceStep(it, reason);
  }

  /** The router's timer of the kind for the item, for a restore to schedule again. */
  Timer<LiveItem> timer(LiveItem it, Timer.Kind kind) {
    return it.timer(switch (kind) {
      case OFFER -> offerExpiry;
      case STEP -> stepExpiry;
      case WRAP_UP -> wrapUpEnd;
      case DECLINES -> declinesExpiry;
      default -> throw new IllegalArgumentException("not a router timer: " + kind);
    });
  }
}
