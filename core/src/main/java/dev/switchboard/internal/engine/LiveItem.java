package dev.switchboard.internal.engine;

import dev.switchboard.Expression;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.internal.timer.Timer;
import java.util.HashSet;
import java.util.Set;

/**
 * An accepted item's routing state, owned by the engine loop. Fields that the backlog orders by
 * (priority, deadlines, sequence) change only while the item is not queued.
 */
public final class LiveItem implements HeldItem {

  private final WorkItem item;
  private final long sequence;
  private final int channel;
  private final long createdAt;
  private final long slaDeadline;
  ItemState state;
  String queue;
  RoutingPolicy policy;
  int step;
  int priority;
  LiveAgent agent;
  /**
   * What a transfer pinned the item to, in place of its policy step: a {@code ToAgent} or a
   * {@code Matching} target; null when it follows its policy.
   */
  TransferTarget pin;
  Eligibility eligibility;
  Outcome outcome;
  /** Affinity bookkeeping; null until the item meets an affinity step or is assigned. */
  AffinityTrack affinity;
  // created on first use: most items never need most of them (null means never scheduled)
  Timer<LiveItem> offerTimer;
  Timer<LiveItem> stepTimer;
  Timer<LiveItem> wrapUpTimer;
  Timer<LiveItem> slaTimer;
  /** Whatever the matcher keeps per item. */
  public Object indexData;
  /** The SLA tracker's clocks for the item, or null when it has none. */
  public Object slaData;
  /** Priority added by SLA escalations, kept across steps. */
  int slaBoost;
  /**
   * What only some items ever need (agents who declined it, the timer forgetting them, the
   * campaign it came from), made on first use: 8 B less for each item that needs none of it.
   */
  private Rare rare;
  /** Neighbours in the engine's {@link ItemTable}, in the order items were put there. */
  LiveItem before;
  LiveItem after;

  LiveItem(WorkItem item, long sequence, int channel, long createdAt, long slaDeadline) {
    this.item = item;
    this.sequence = sequence;
    this.channel = channel;
    this.createdAt = createdAt;
    this.slaDeadline = slaDeadline;
  }

  /** This item's timer of the action's kind, created on first use. */
  Timer<LiveItem> timer(Timer.Action<LiveItem> action) {
    Timer.Kind kind = action.kind();
    return switch (kind) {
      case OFFER -> offerTimer == null ? offerTimer = new Timer<>(action, this) : offerTimer;
      case STEP -> stepTimer == null ? stepTimer = new Timer<>(action, this) : stepTimer;
      case WRAP_UP -> wrapUpTimer == null ? wrapUpTimer = new Timer<>(action, this) : wrapUpTimer;
      case SLA -> slaTimer == null ? slaTimer = new Timer<>(action, this) : slaTimer;
      case DECLINES -> rare().declineTimer == null
          ? rare.declineTimer = new Timer<>(action, this) : rare.declineTimer;
      case HOST -> throw new IllegalArgumentException("an item keeps no HOST timer");
      // the SLA tracker keeps its own timers; the blender's, the overload check's and a queue's
      // opening belong to no item
      case SLA_WARNING, RESOLUTION_WARNING, RESOLUTION, BLEND, OVERLOAD, HOURS ->
          throw new IllegalArgumentException("an item keeps no " + kind + " timer");
    };
  }

  private Rare rare() {
    return rare == null ? rare = new Rare() : rare;
  }

  /** The timer that forgets the item's declines, or null when it was never made. */
  Timer<LiveItem> declineTimer() {
    return rare == null ? null : rare.declineTimer;
  }

  /** The campaign the item came from (the blender's handle), or null for inbound work. */
  @Override
  public Object campaignData() {
    return rare == null ? null : rare.campaignData;
  }

  /** Sets the blender's handle on the item; null for inbound work. */
  public void campaignData(Object data) {
    if (data != null || rare != null) {
      rare().campaignData = data;
    }
  }

  /** The item as submitted, with its creation time. */
  public WorkItem item() {
    return item;
  }

  /** The item's id. */
  @Override
  public String id() {
    return item.id();
  }

  /** Order of submission. */
  public long sequence() {
    return sequence;
  }

  /** Index of the item's channel. */
  @Override
  public int channel() {
    return channel;
  }

  /** Creation time in epoch nanoseconds. */
  public long createdAt() {
    return createdAt;
  }

  /** SLA deadline in epoch nanoseconds; {@link Long#MAX_VALUE} when none. */
  public long slaDeadline() {
    return slaDeadline;
  }

  /** Where the item is. */
  public ItemState state() {
    return state;
  }

  /** The queue whose policy the item follows. */
  public String queue() {
    return queue;
  }

  /** The policy step the item is at. */
  public int step() {
    return step;
  }

  /** Current priority, with step boosts. */
  public int priority() {
    return priority;
  }

  /** The agent holding the item, or null. */
  public LiveAgent agent() {
    return agent;
  }

  /** Priority added by SLA escalations, on top of the item's own and its steps' boosts. */
  public int slaBoost() {
    return slaBoost;
  }

  /** Who may take the item at its current step. */
  public Eligibility eligibility() {
    return eligibility;
  }

  /** The agent the item was transferred to, or null. */
  public String pinnedAgent() {
    return pin instanceof TransferTarget.ToAgent to ? to.agentId() : null;
  }

  /** The expression the agents the item was transferred to meet (unbound), or null. */
  public Expression pinnedExpression() {
    return pin instanceof TransferTarget.Matching m ? m.expression() : null;
  }

  /** True when a transfer pinned the item to an agent or an expression: its policy waits. */
  public boolean pinned() {
    return pin != null;
  }

  /**
   * The relationships the item's current affinity step was resolved from (kept while the item is
   * offered or assigned there), or null when the item is not at an affinity step.
   */
  public dev.switchboard.affinity.Relationships relationships() {
    return affinity == null ? null : affinity.relationships;
  }

  /** True when the agent rejected or missed this item at its current step. */
  public boolean declinedBy(LiveAgent agent) {
    return rare != null && rare.declinedBy != null && rare.declinedBy.contains(agent.id());
  }

  void decline(LiveAgent agent) {
    decline(agent.id());
  }

  void decline(String agentId) {
    Rare r = rare();
    if (r.declinedBy == null) {
      r.declinedBy = new HashSet<>(4);
    }
    r.declinedBy.add(agentId);
  }

  /** Ids of the agents who declined the item at its step, sorted (for state images). */
  java.util.List<String> declines() {
    return rare == null || rare.declinedBy == null ? java.util.List.of()
        : rare.declinedBy.stream().sorted().toList();
  }

  void clearDeclines() {
    if (rare != null) {
      rare.declinedBy = null;
    }
  }

  @Override
  public String toString() {
    return item.id();
  }

  /** The fields of {@link #rare}. */
  private static final class Rare {
    Set<String> declinedBy;
    Timer<LiveItem> declineTimer;
    Object campaignData;
  }
}
