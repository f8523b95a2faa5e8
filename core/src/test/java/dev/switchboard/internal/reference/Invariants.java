package dev.switchboard.internal.reference;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.HeldItem;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The engine's promises, checked from the outside after every step (see {@link CheckedEngine},
 * which calls {@link #afterStep} for you):
 *
 * <ol>
 *   <li><b>capacity</b>: no agent holds more than its capacity on any channel or in total, and an
 *       agent holding work of one of its exclusive channels holds nothing of any other channel;
 *   <li><b>load</b>: the engine's per-channel and total load of each agent equal the items it
 *       holds, and every held item names that agent;
 *   <li><b>one state</b>: every live item is in exactly one non-final state, consistently: QUEUED
 *       and HELD items have no agent, OFFERED/ASSIGNED/WRAPPING_UP items are held by exactly that
 *       agent, which is still registered; it is at a step of its queue's policy, with the priority that
 *       the step's boosts give;
 *   <li><b>offers</b>: an OFFERED item's agent is available (going away takes offers back);
 *   <li><b>conversations</b>: a conversation has at most one live item not in wrap-up (more
 *       messages are follow-ups; a message during wrap-up starts a new item);
 *   <li><b>work conserving</b>: no QUEUED item has a free, admitted agent who has not declined it;
 *   <li><b>nothing lost</b>: every submitted item is either live or has exactly one final event
 *       (completed, cancelled or abandoned), no item ends without having been submitted, and no
 *       event mentions an item after its final event;
 *   <li><b>events</b>: sequence numbers rise by one, engine time never goes back, and an item
 *       breaches its SLA at most once.
 * </ol>
 *
 * <p>Admission and free capacity are judged by the reference rules, not by the engine's own
 * code, so a bug there shows up here too. A violation throws {@link AssertionError} naming the
 * invariant, the agent or item, and the step.
 */
public final class Invariants {

  private final EngineView view;
  private final ReferenceRules rules;
  private final Set<String> submitted = new HashSet<>();
  private final Map<String, RoutingEvent> finals = new HashMap<>();
  private final Set<String> breached = new HashSet<>();
  private long lastSequence;
  private RoutingEvent lastEvent;
  private int steps;

  /** A checker for the engine behind the view, which must not have emitted any event yet. */
  public Invariants(EngineView view) {
    this.view = view;
    this.rules = new ReferenceRules(view);
  }

  /** Takes in the events of one step, then checks every invariant against the engine's state. */
  public void afterStep(List<RoutingEvent> events) {
    steps++;
    for (RoutingEvent e : events) {
      record(e);
    }
    Map<String, LiveItem> live = new HashMap<>();
    view.items().forEach(it -> live.put(it.id(), it));
    checkAgents(live);
    checkItems();
    checkNothingLost();
  }

  private void record(RoutingEvent e) {
    require(e.sequence() == lastSequence + 1, "events", () -> "sequence " + e.sequence()
        + " follows " + lastSequence + " (" + e + ")");
    require(lastEvent == null || !e.at().isBefore(lastEvent.at()), "events", () ->
        "time went back from " + lastEvent + " to " + e);
    lastSequence = e.sequence();
    lastEvent = e;
    String about = itemId(e);
    if (about != null && !(e instanceof ItemSubmitted)) {
      require(!finals.containsKey(about), "nothing lost",
          () -> "event about item '" + about + "' after it ended with " + finals.get(about) + ": "
              + e);
    }
    if (e instanceof RoutingEvent.SlaBreached b) {
      require(breached.add(b.itemId() + " " + b.clock()), "events",
          () -> "item '" + b.itemId() + "' breached its " + b.clock() + " SLA twice");
    }
    if (e instanceof ItemSubmitted s) {
      String id = s.item().id();
      for (dev.switchboard.sla.SlaClock clock : dev.switchboard.sla.SlaClock.values()) {
        breached.remove(id + " " + clock);
      }
      // An id may come back once the engine has forgotten the finished item (finishedItemMemory).
      require(submitted.add(id) || finals.remove(id) != null, "nothing lost", () ->
          "item '" + id + "' submitted again while live");
    } else if (e instanceof ItemCompleted || e instanceof ItemCancelled
        || e instanceof ItemAbandoned) {
      String id = finalItemId(e);
      require(submitted.contains(id), "nothing lost",
          () -> "item '" + id + "' ended unsubmitted: " + e);
      RoutingEvent earlier = finals.put(id, e);
      require(earlier == null, "nothing lost", () ->
          "item '" + id + "' ended twice: " + earlier + " then " + e);
    }
  }

  /** The item an event is about, or null for agent events. */
  static String itemId(RoutingEvent e) {
    if (e instanceof ItemSubmitted x) {
      return x.item().id();
    } else if (e instanceof RoutingEvent.ItemQueued x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.ItemOffered x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.ItemAssigned x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.OfferRejected x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.OfferTimedOut x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.ItemReleased x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.StepEscalated x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.ItemTransferred x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.WrapUpStarted x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.SlaBreached x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.FollowUpReceived x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.SlaWarning x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.SlaEscalated x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.SlaPaused x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.SlaResumed x) {
      return x.itemId();
    } else if (e instanceof RoutingEvent.AlertRaised x) {
      return x.alert().itemId();
    } else if (e instanceof RoutingEvent.CampaignWorkBlended x) {
      return x.itemId();
    }
    return null; // agent events; final events are handled apart
  }

  private static String finalItemId(RoutingEvent e) {
    if (e instanceof ItemCompleted c) {
      return c.itemId();
    }
    if (e instanceof ItemCancelled c) {
      return c.itemId();
    }
    return ((ItemAbandoned) e).itemId();
  }

  private void checkAgents(Map<String, LiveItem> live) {
    for (LiveAgent a : view.agents()) {
      Agent d = a.definition();
      Map<Channel, Integer> perChannel = new LinkedHashMap<>();
      boolean holdsExclusive = false;
      for (HeldItem held : a.held()) {
        LiveItem it = live.get(held.id());
        require(it == held, "load", () ->
            "agent '" + a.id() + "' holds '" + held.id() + "', which is not live");
        require(it.agent() == a, "load", () -> "agent '" + a.id() + "' holds '" + it.id()
            + "' but the item names agent " + it.agent());
        perChannel.merge(it.item().channel(), 1, Integer::sum);
        holdsExclusive |= d.exclusiveChannels().contains(it.item().channel());
      }
      int total = a.held().size();
      require(total <= d.effectiveTotalCapacity(), "capacity", () -> "agent '" + a.id() + "' holds "
          + total + " items, total capacity " + d.effectiveTotalCapacity());
      require(!holdsExclusive || perChannel.size() == 1, "capacity", () -> "agent '" + a.id()
          + "' holds exclusive work beside other channels: " + perChannel);
      require(a.totalLoad() == total, "load", () -> "agent '" + a.id() + "' total load "
          + a.totalLoad() + " but holds " + total);
      for (int c = 0; c < view.registry().channelCount(); c++) {
        Channel channel = view.registry().channel(c);
        int held = perChannel.getOrDefault(channel, 0);
        require(held <= d.capacityOn(channel), "capacity", () -> "agent '" + a.id() + "' holds "
            + held + " " + channel + " items, capacity " + d.capacityOn(channel));
        int load = a.load(c);
        require(load == held, "load",
            () -> "agent '" + a.id() + "' load on " + channel + " is " + load + ", holds " + held);
      }
    }
  }

  private void checkItems() {
    Map<String, LiveItem> conversations = new HashMap<>();
    Map<HeldItem, LiveAgent> holders = new HashMap<>();
    for (LiveAgent a : view.agents()) {
      for (HeldItem it : a.held()) {
        LiveAgent other = holders.put(it, a);
        require(other == null, "one state", () -> "item '" + it.id() + "' held by both '"
            + other + "' and '" + a.id() + "'");
      }
    }
    for (LiveItem it : view.items()) {
      ItemState s = it.state();
      require(s != null && !s.isFinal(), "one state", () -> "live item '" + it.id() + "' is " + s);
      require(submitted.contains(it.id()), "nothing lost", () ->
          "live item '" + it.id() + "' was never reported submitted");
      checkStepAndPriority(it);
      it.item().conversationId().filter(c -> it.state() != ItemState.WRAPPING_UP).ifPresent(c -> {
        LiveItem other = conversations.put(c, it);
        require(other == null, "conversations",
            () -> "conversation '" + c + "' has live items '" + other + "' and '" + it + "'");
      });
      if (s == ItemState.QUEUED) {
        require(it.agent() == null && !holders.containsKey(it), "one state", () -> "QUEUED item '"
            + it.id() + "' is with agent " + it.agent() + " / held by " + holders.get(it));
        checkWorkConserving(it);
        checkAffinityWait(it);
      } else if (s == ItemState.HELD) {
        require(it.agent() == null && !holders.containsKey(it), "one state", () -> "HELD item '"
            + it.id() + "' is with agent " + it.agent() + " / held by " + holders.get(it));
      } else {
        require(it.agent() != null && holders.get(it) == it.agent(), "one state",
            () -> s + " item '" + it.id() + "' names agent " + it.agent() + " but is held by "
                + holders.get(it));
        require(s != ItemState.OFFERED
            || it.agent().presence().status() == Presence.Status.AVAILABLE, "offers",
            () -> "item '" + it.id() + "' is offered to " + it.agent() + ", who is "
                + it.agent().presence());
      }
    }
  }

  /** The item is at a step of its queue's policy, with the priority that step's boosts give. */
  private void checkStepAndPriority(LiveItem it) {
    List<PolicyStep> steps = view.registry().policy(it.queue()).steps();
    require(it.step() >= 0 && it.step() < steps.size(), "one state",
        () -> "item '" + it.id() + "' is at step " + it.step() + " of " + steps.size());
    int priority = it.item().priority() + it.slaBoost();
    for (int s = 0; s <= it.step(); s++) {
      priority += steps.get(s).priorityBoost();
    }
    int expected = Math.min(priority, WorkItem.MAX_PRIORITY);
    require(it.priority() == expected, "one state", () -> "item '" + it.id() + "' at step "
        + it.step() + " has priority " + it.priority() + ", its policy gives " + expected);
  }

  /**
   * A queued item at an affinity step waits for someone who could answer: an admitted agent
   * exists, and with {@code skipOfflineAgents} one is logged in. Otherwise it should have moved on.
   */
  private void checkAffinityWait(LiveItem it) {
    ReferenceRules.Requirement req = rules.requirement(it);
    if (!req.personal()) {
      return;
    }
    boolean skipOffline = view.affinityOptions().skipOfflineAgents();
    boolean ok = false;
    for (LiveAgent a : view.agents()) {
      ok |= req.admits(a) && (!skipOffline || a.presence().loggedIn());
    }
    require(ok, "affinity", () -> "QUEUED item '" + it.id() + "' waits at affinity step "
        + it.step() + " for " + req.agentIds() + ", none of whom can answer"
        + (skipOffline ? " now (skipOfflineAgents)" : ""));
  }

  private void checkWorkConserving(LiveItem it) {
    ReferenceRules.Requirement req = rules.requirement(it);
    for (LiveAgent a : view.agents()) {
      require(!(req.admits(a) && rules.isFree(a, req.channel()) && !it.declinedBy(a)),
          "work conserving", () -> "QUEUED item '" + it.id() + "' (step " + it.step() + ", " + req
              + ") waits while agent '" + a.id() + "' is free for it");
    }
  }

  private void checkNothingLost() {
    Set<String> live = new HashSet<>();
    for (LiveItem it : view.items()) {
      live.add(it.id());
      require(!finals.containsKey(it.id()), "nothing lost", () ->
          "item '" + it.id() + "' is live after " + finals.get(it.id()));
    }
    List<String> missing = new ArrayList<>();
    for (String id : submitted) {
      if (!live.contains(id) && !finals.containsKey(id)) {
        missing.add(id);
      }
    }
    require(missing.isEmpty(), "nothing lost", () -> "items neither live nor finished: " + missing);
  }

  private void require(boolean ok, String invariant, Supplier<String> message) {
    if (!ok) {
      throw new AssertionError("invariant '" + invariant + "' broken after step " + steps + ": "
          + message.get());
    }
  }
}
