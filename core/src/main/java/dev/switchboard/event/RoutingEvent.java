package dev.switchboard.event;

import dev.switchboard.Agent;
import dev.switchboard.ItemState;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.channel.DeadLetter;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import dev.switchboard.affinity.AffinityMatch;
import dev.switchboard.affinity.OverloadInsight;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.sla.Alert;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Something the engine decided or a state that changed. Every event carries the engine time it
 * happened at and a sequence number that rises by one with each event, so a listener can tell it
 * missed none.
 *
 * @since 0.1
 */
public sealed interface RoutingEvent {

  /** Position of the event in the engine's stream, from 1. */
  long sequence();

  /** Engine time of the event. */
  Instant at();

  /** An agent was added; it starts offline. */
  record AgentAdded(long sequence, Instant at, Agent agent) implements RoutingEvent {}

  /** An agent's definition was replaced. */
  record AgentUpdated(long sequence, Instant at, Agent agent) implements RoutingEvent {}

  /** An agent was removed; its work was released first. */
  record AgentRemoved(long sequence, Instant at, String agentId) implements RoutingEvent {}

  /** An agent's presence changed, by command or by the engine (missed offers). */
  record PresenceChanged(long sequence, Instant at, String agentId, Presence from, Presence to)
      implements RoutingEvent {}

  /** An item was accepted by the engine, with its creation time stamped. */
  record ItemSubmitted(long sequence, Instant at, WorkItem item) implements RoutingEvent {}

  /** An item is waiting at a step of its queue's policy (or for the agent it was sent to). */
  record ItemQueued(long sequence, Instant at, String itemId, String queue, int step)
      implements RoutingEvent {}

  /** An item was offered to an agent, whose capacity is reserved until {@code expiresAt}. */
  record ItemOffered(long sequence, Instant at, String itemId, String agentId, Instant expiresAt)
      implements RoutingEvent {}

  /**
   * The agent accepted (or the channel auto-accepted) the item, which is now assigned. {@code
   * affinity} says whether the agent was the customer's own or a recent agent; {@code
   * affinityWait} is how long the item waited at affinity steps (own or recent agent) before.
   */
  record ItemAssigned(long sequence, Instant at, String itemId, String agentId,
      boolean autoAccepted, AffinityMatch affinity, Duration affinityWait)
      implements RoutingEvent {}

  /** The agent rejected the offer; the item is routed again, kept from that agent for a while. */
  record OfferRejected(long sequence, Instant at, String itemId, String agentId)
      implements RoutingEvent {}

  /** The offer expired unanswered; {@code consecutiveMisses} counts the agent's misses in a row. */
  record OfferTimedOut(long sequence, Instant at, String itemId, String agentId,
      int consecutiveMisses) implements RoutingEvent {}

  /** The engine took work back from an agent who went away, logged out or was removed. */
  record ItemReleased(long sequence, Instant at, String itemId, String agentId, ItemState from,
      String reason) implements RoutingEvent {}

  /** The item waited out a step (or found nobody logged in there) and moved to a later step. */
  record StepEscalated(long sequence, Instant at, String itemId, int fromStep, int toStep,
      int priority, String reason) implements RoutingEvent {}

  /**
   * A customer's owner changed: set or cleared by a supervisor ({@code reason} "moved by
   * supervisor", "cleared by supervisor"), learned from resolved work ("learned") or taken over in
   * a merge of customers ("merged").
   */
  record OwnerChanged(long sequence, Instant at, String customerId, Optional<String> from,
      Optional<String> to, String reason) implements RoutingEvent {}

  /** An agent's personal backlog cannot meet its SLA deadlines; the insight says what could move. */
  record OverloadDetected(long sequence, Instant at, OverloadInsight insight)
      implements RoutingEvent {}

  /**
   * A call to the host's relationship store threw; routing treated it as "no relationship" (or
   * dropped the write) and went on.
   */
  record RelationshipStoreFailed(long sequence, Instant at, String operation, String customerId,
      String error) implements RoutingEvent {}

  /** The item was transferred; {@code fromAgent} held it, if anyone did. */
  record ItemTransferred(long sequence, Instant at, String itemId, Optional<String> fromAgent,
      TransferTarget target) implements RoutingEvent {}

  /** The agent completed the item and is wrapping up until {@code endsAt} at the latest. */
  record WrapUpStarted(long sequence, Instant at, String itemId, String agentId, Outcome outcome,
      Instant endsAt) implements RoutingEvent {}

  /** The item is finished and the agent's capacity is free. */
  record ItemCompleted(long sequence, Instant at, String itemId, String agentId, Outcome outcome)
      implements RoutingEvent {}

  /**
   * The item arrived while its queue was closed and waits ({@code HELD}) until the queue opens at
   * {@code opensAt} (empty when its calendar stays closed for good). {@code autoReply} is the
   * delivery id of the automatic reply sent to the customer, when the queue answers after hours
   * and the item came in through a channel adapter.
   *
   * @since 0.3
   */
  record ItemHeld(long sequence, Instant at, String itemId, String queue, String calendar,
      Optional<Instant> opensAt, Optional<String> autoReply) implements RoutingEvent {}

  /**
   * The item arrived while queue {@code from} was closed and was sent to queue {@code to}, as that
   * queue's after-hours rule says.
   *
   * @since 0.3
   */
  record ItemRedirected(long sequence, Instant at, String itemId, String from, String to,
      String calendar) implements RoutingEvent {}

  /**
   * The held item's queue opened: the item starts its queue's policy now.
   *
   * @since 0.3
   */
  record HoldEnded(long sequence, Instant at, String itemId, String queue)
      implements RoutingEvent {}

  /** The host cancelled the item. */
  record ItemCancelled(long sequence, Instant at, String itemId, ItemState from)
      implements RoutingEvent {}

  /** The customer gave up before an agent took the item. */
  record ItemAbandoned(long sequence, Instant at, String itemId, ItemState from)
      implements RoutingEvent {}

  /**
   * One of the item's SLA clocks passed its deadline: for {@link SlaClock#FIRST_RESPONSE} before
   * an agent took it (it was queued or offered), for {@link SlaClock#RESOLUTION} before an agent
   * completed it. Items with only a {@link WorkItem#slaTarget()} and no policy breach only the
   * first-response clock.
   */
  record SlaBreached(long sequence, Instant at, String itemId, ItemState state, SlaClock clock)
      implements RoutingEvent {}

  /** One of the item's SLA clocks passed its policy's warning fraction; the deadline is near. */
  record SlaWarning(long sequence, Instant at, String itemId, ItemState state, SlaClock clock,
      Instant deadline) implements RoutingEvent {}

  /**
   * The agent answered and now waits for the customer: the item's resolution clock stands still
   * until the customer's next follow-up.
   */
  record SlaPaused(long sequence, Instant at, String itemId, SlaClock clock)
      implements RoutingEvent {}

  /**
   * The customer wrote again: the item's paused clock runs again, its deadline moved on by the
   * time it stood still.
   */
  record SlaResumed(long sequence, Instant at, String itemId, SlaClock clock, Instant deadline)
      implements RoutingEvent {}

  /** An SLA breach made the engine act on the item; {@code priority} is its priority after. */
  record SlaEscalated(long sequence, Instant at, String itemId, SlaClock clock,
      SlaEscalation action, int priority) implements RoutingEvent {}

  /** An SLA alert for one recipient; the same alert goes to the configured {@code AlertSink}. */
  record AlertRaised(long sequence, Instant at, Alert alert) implements RoutingEvent {}

  /** A campaign was added, with no contacts and nobody assigned yet. */
  record CampaignAdded(long sequence, Instant at, Campaign campaign) implements RoutingEvent {}

  /** Contacts were added to a campaign; {@code pending} counts those not yet reached out to. */
  record CampaignContactsAdded(long sequence, Instant at, String campaignId, int added,
      int pending) implements RoutingEvent {}

  /** A supervisor put an agent or team on a campaign (or changed the pacing). */
  record CampaignAssigned(long sequence, Instant at, CampaignAssignment assignment)
      implements RoutingEvent {}

  /** A supervisor took an agent or team off a campaign; work already blended in stays. */
  record CampaignUnassigned(long sequence, Instant at, String campaignId, Assignee assignee)
      implements RoutingEvent {}

  /**
   * A campaign contact became work item {@code itemId}, offered next to the agent because it was
   * free, nothing inbound was waiting for it and its inbound work was safe against its SLA;
   * {@code shareBefore} is the campaign's share of the agent's busy time at that moment.
   */
  record CampaignWorkBlended(long sequence, Instant at, String itemId, String campaignId,
      String contactId, String agentId, double shareBefore) implements RoutingEvent {}

  /**
   * A customer wrote again in a conversation that has a live item; {@code agentId} is the agent
   * holding it, if any. A follow-up on a conversation with no live item creates a new item
   * instead, reported as {@link ItemSubmitted}.
   */
  record FollowUpReceived(long sequence, Instant at, String conversationId, String itemId,
      Optional<String> agentId, Map<String, Object> attributes) implements RoutingEvent {}

  /** A channel adapter reported a change of health; down adapters get no deliveries until up. */
  record AdapterHealthChanged(long sequence, Instant at, String adapterId, Health health)
      implements RoutingEvent {}

  /** An agent's reply left through its adapter; {@code attempt} says which try succeeded. */
  record MessageDelivered(long sequence, Instant at, String deliveryId, String adapterId,
      String conversationId, int attempt, String providerMessageId) implements RoutingEvent {}

  /**
   * A delivery attempt failed (or timed out) retryably; the next attempt is due at {@code
   * retryAt}.
   */
  record DeliveryFailed(long sequence, Instant at, String deliveryId, String adapterId,
      int attempt, String reason, Instant retryAt) implements RoutingEvent {}

  /** A reply was given up and kept as a dead letter for inspection. */
  record MessageDeadLettered(long sequence, Instant at, DeadLetter deadLetter)
      implements RoutingEvent {}

  /**
   * Two customers were found to be one: {@code fromCustomerId}'s relationships and channel history
   * now belong to {@code intoCustomerId}, and {@code identities} (those the identity resolver
   * moved; empty for a merge made through the supervisor) resolve to it. Stores outside the engine
   * (a CRM) merge theirs on this event.
   */
  record CustomersMerged(long sequence, Instant at, String fromCustomerId, String intoCustomerId,
      Set<ChannelIdentity> identities) implements RoutingEvent {
    /** Copies the identities. */
    public CustomersMerged {
      identities = Set.copyOf(identities);
    }
  }
}
