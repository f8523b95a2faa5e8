package dev.switchboard.internal.engine;

import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.campaign.Blender;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.sla.SlaTracker;
import dev.switchboard.internal.timer.DeadlineQueue;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The engine's whole state as values and back: what a journal snapshot holds and what a restart
 * rebuilds from (agents, items with their timers, conversations, finished ids, counters, and the
 * parts the channels, affinity, SLA tracker and blender export themselves). The journal encodes
 * these images ({@code internal.journal.EngineState}); this class is their engine side.
 */
final class EngineImages {

  private final Registry registry;
  private final Matcher matcher;
  private final DeadlineQueue timers;
  private final EngineClock clock;
  private final Events events;
  private final Items items;
  private final Conversations conversations;
  private final AgentBook book;
  private final Eligibilities eligibilities;
  private final Affinity affinity;
  private final SlaTracker sla;
  private final Blender blender;
  private final Router router;
  private final ChannelState channels;
  private final OpeningHours hours;

  EngineImages(Registry registry, Matcher matcher, DeadlineQueue timers, EngineClock clock,
      Events events, Items items, Conversations conversations, AgentBook book,
      Eligibilities eligibilities, Affinity affinity, SlaTracker sla, Blender blender,
      Router router, ChannelState channels, OpeningHours hours) {
    this.registry = registry;
    this.matcher = matcher;
    this.timers = timers;
    this.clock = clock;
    this.events = events;
    this.items = items;
    this.conversations = conversations;
    this.book = book;
    this.eligibilities = eligibilities;
    this.affinity = affinity;
    this.sla = sla;
    this.blender = blender;
    this.router = router;
    this.channels = channels;
    this.hours = hours;
  }

  /** The state as values. */
  StateImage export() {
    List<StateImage.AgentImage> agentImages = new ArrayList<>(book.agents.size());
    for (LiveAgent a : book.values()) {
      agentImages.add(new StateImage.AgentImage(a.sequence(), a.definition(), a.presence,
          a.lastActivity, a.consecutiveMisses, a.held().stream().map(HeldItem::id).toList()));
    }
    List<StateImage.ItemImage> itemImages = new ArrayList<>(items.size());
    List<Timer<?>> pending = new ArrayList<>();
    for (LiveItem it : items.values()) {
      itemImages.add(new StateImage.ItemImage(it.item(), it.sequence(), it.state, it.queue,
          it.step, it.priority, it.agent == null ? null : it.agent.id(), it.pinnedAgent(),
          it.pinnedExpression(),
          it.outcome == null ? null : it.outcome.code(), it.declines(),
          it.item().conversationId().orElse(null), Affinity.trackImage(it.affinity),
          SlaTracker.clocksImage(it), it.slaBoost));
      SlaTracker.timers(it, pending);
      for (Timer<LiveItem> t : Arrays.asList(it.offerTimer, it.stepTimer, it.wrapUpTimer,
          it.slaTimer, it.declineTimer())) {
        if (t != null && t.isScheduled()) {
          pending.add(t);
        }
      }
    }
    for (LiveAgent a : book.values()) {
      if (a.overloadTimer != null && a.overloadTimer.isScheduled()) {
        pending.add(a.overloadTimer);
      }
    }
    pending.addAll(channels.timers());
    hours.scheduled(pending);
    if (blender.timer().isScheduled()) {
      pending.add(blender.timer());
    }
    pending.sort(Comparator.comparingLong((Timer<?> t) -> t.deadline())
        .thenComparingLong(Timer::order));
    List<StateImage.ConversationImage> conversationImages = new ArrayList<>();
    conversations.open.values().stream().sorted(Comparator.comparing(c -> c.id))
        .forEach(c -> conversationImages.add(conversationImage(c, false)));
    conversations.idle.values().forEach(c -> conversationImages.add(conversationImage(c, true)));
    return new StateImage(clock.now, clock.nowInstant, events.sequence, book.sequence,
        items.sequence, book.roundRobinCursor, book.activityStamp, agentImages, itemImages,
        conversationImages,
        List.copyOf(items.finished.keySet()), pending.stream().map(t -> new StateImage.TimerImage(t.subjectId(), t.kind(),
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
  void restore(StateImage image) {
    if (!book.agents.isEmpty() || items.size() != 0 || events.sequence != 0) {
      throw new IllegalStateException("state can only be restored into a fresh engine");
    }
    clock.now = image.now();
    clock.nowInstant = image.nowInstant();
    events.sequence = image.eventSequence();
    book.sequence = image.agentSequence();
    items.sequence = image.itemSequence();
    book.roundRobinCursor = image.roundRobinCursor();
    book.activityStamp = image.activityStamp();
    affinity.restoreImage(image.affinity(), clock.nowInstant);
    channels.restoreImage(image.channels());
    for (StateImage.AgentImage ai : image.agents()) {
      LiveAgent a = new LiveAgent(ai.sequence(), ai.definition(), registry, ai.lastActivity());
      a.presence = ai.presence();
      a.consecutiveMisses = ai.consecutiveMisses();
      book.agents.put(a.id(), a);
    }
    for (StateImage.ConversationImage ci : image.conversations()) {
      Conversation c = new Conversation(ci.id());
      c.lastItem = ci.lastItem();
      c.lastAgentId = ci.lastAgentId();
      c.items = ci.items();
      (ci.idle() ? conversations.idle : conversations.open).put(c.id, c);
    }
    for (StateImage.ItemImage ii : image.items()) {
      WorkItem item = ii.item();
      long created = Nanos.of(item.createdAt().orElseThrow());
      // the deadline admit gave it: the item's own target, else its SLA policy's
      LiveItem it = new LiveItem(item, ii.sequence(), registry.channelIndex(item.channel()),
          created, sla.firstResponseDeadline(item, created));
      it.state = ii.state();
      it.queue = ii.queue();
      it.policy = registry.policy(ii.queue());
      it.step = ii.step();
      it.priority = ii.priority();
      it.pin = ii.pinnedAgent() != null ? TransferTarget.agent(ii.pinnedAgent())
          : ii.pinnedExpression() != null ? TransferTarget.matching(ii.pinnedExpression()) : null;
      it.outcome = ii.outcome() == null ? null : Outcome.of(ii.outcome());
      ii.declinedBy().forEach(it::decline);
      it.affinity = Affinity.track(ii.affinity());
      it.slaBoost = ii.slaBoost();
      sla.restoreClocks(it, ii.sla());
      PolicyStep step = it.policy.steps().get(it.step);
      // an affinity step keeps the relationships it was entered with, not today's; a held item
      // has entered no step
      it.eligibility = it.state == ItemState.HELD ? null : it.pinnedAgent() != null
          ? Eligibility.agents(it.channel(), Set.of(it.pinnedAgent()))
          : it.pinnedExpression() != null ? eligibilities.pinned(it, it.pinnedExpression())
          : step.target().isAffinity() && it.relationships() != null
              ? Affinity.eligibility(it.channel(), step.target(), it.relationships())
              : eligibilities.of(it, step);
      items.add(it);
    }
    for (StateImage.ConversationImage ci : image.conversations()) {
      if (ci.liveItem() != null) {
        conversations.find(ci.id()).live = items.get(ci.liveItem());
      }
    }
    for (StateImage.AgentImage ai : image.agents()) {
      LiveAgent a = book.get(ai.definition().id());
      for (String id : ai.held()) {
        LiveItem it = items.get(id);
        it.agent = a;
        a.hold(it);
      }
      matcher.agentAdded(a);
    }
    blender.restoreImage(image.campaigns(), book::get, items::get);
    for (StateImage.TimerImage ti : image.timers()) {
      timers.schedule(switch (ti.kind()) {
        case HOST -> channels.timer(ti.itemId());
        case BLEND -> blender.timer();
        case OVERLOAD -> book.overloadTimer(book.get(ti.itemId()));
        case HOURS -> hours.timer(ti.itemId());
        case SLA -> items.get(ti.itemId()).timer(sla.firstResponseBreach());
        case SLA_WARNING, RESOLUTION_WARNING, RESOLUTION -> sla.timer(items.get(ti.itemId()),
            ti.kind());
        case OFFER, STEP, WRAP_UP, DECLINES -> router.timer(items.get(ti.itemId()), ti.kind());
      }, ti.deadline());
    }
    sla.restoreImage(image.sla(), items::get);
    for (LiveItem it : items.values()) {
      if (it.state == ItemState.QUEUED) {
        matcher.enqueue(it);
      }
    }
    image.finished().forEach(id -> items.finished.put(id, Boolean.TRUE));
  }
}
