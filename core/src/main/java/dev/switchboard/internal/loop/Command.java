package dev.switchboard.internal.loop;

import dev.switchboard.Agent;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A change requested of the engine, as data: what a caller asked for, checked for shape on the
 * caller's thread and applied on the loop. Keeping commands as values is what lets a journal
 * record and replay them.
 */
public sealed interface Command {

  /** Applies the command; returns the value the caller's stage completes with. */
  Object applyTo(RoutingEngine engine);

  record AddAgent(Agent agent) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.addAgent(agent);
      return null;
    }
  }

  record UpdateAgent(Agent agent) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.updateAgent(agent);
      return null;
    }
  }

  record RemoveAgent(String agentId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.removeAgent(agentId);
      return null;
    }
  }

  record SetPresence(String agentId, Presence presence) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.setPresence(agentId, presence);
      return null;
    }
  }

  record Submit(WorkItem item) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.submit(item);
      return null;
    }
  }

  record Accept(String agentId, String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.accept(agentId, itemId);
      return null;
    }
  }

  record Reject(String agentId, String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.reject(agentId, itemId);
      return null;
    }
  }

  record Complete(String agentId, String itemId, Outcome outcome) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.complete(agentId, itemId, outcome);
      return null;
    }
  }

  record FinishWrapUp(String agentId, String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.finishWrapUp(agentId, itemId);
      return null;
    }
  }

  record Transfer(String itemId, TransferTarget target) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.transfer(itemId, target);
      return null;
    }
  }

  record Cancel(String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.cancel(itemId);
      return null;
    }
  }

  record Abandon(String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.abandon(itemId);
      return null;
    }
  }

  record FollowUp(String conversationId, Map<String, Object> attributes) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.followUp(conversationId, attributes);
      return null;
    }
  }

  /**
   * A customer's message reported by a channel adapter, its sender resolved to a customer;
   * returns true when admitted, false when its idempotency key (empty: none) was taken in before.
   */
  record ChannelInbound(String adapterId, String idempotencyKey, String conversationId,
      String conversationKey, ChannelIdentity sender, String customerId,
      Map<String, Object> attributes) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().inbound(adapterId, idempotencyKey, conversationId, conversationKey,
          sender, customerId, attributes);
    }
  }

  /**
   * The engine starts serving its adapters again: delivery ids from now on carry this
   * incarnation, so that an id handed out before a crash never names another reply after it.
   */
  record Incarnation(long incarnation) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.channels().incarnation(incarnation);
      return null;
    }
  }

  /** An agent's reply on an item; returns the delivery id. */
  record ChannelReply(String agentId, String itemId, String body) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().reply(agentId, itemId, body);
    }
  }

  /** The centre's first message to a customer; returns the delivery id. */
  record ChannelContact(String adapterId, String conversationKey, ChannelIdentity recipient,
      String customerId, String agentId, String body) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().contact(adapterId, conversationKey, recipient, customerId, agentId,
          body);
    }
  }

  /** The result of one delivery attempt, as the adapter reported it. */
  record DeliveryOutcome(String deliveryId, int attempt, boolean delivered, boolean retryable,
      String detail, String providerMessageId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.channels().outcome(deliveryId, attempt, delivered, retryable, detail, providerMessageId);
      return null;
    }
  }

  /** A channel adapter's health report. */
  record AdapterHealth(String adapterId, Health health) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.channels().health(adapterId, health);
      return null;
    }
  }

  /**
   * Two customers found to be one: {@code fromCustomerId} folds into {@code intoCustomerId}
   * (relationships, channel history); the resolver, if any, has already moved {@code identities}.
   */
  record MergeCustomers(String fromCustomerId, String intoCustomerId,
      Set<ChannelIdentity> identities) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.mergeCustomers(fromCustomerId, intoCustomerId, identities);
      return null;
    }
  }

  /** Reads the dead letters. */
  record ReadDeadLetters() implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().deadLetters();
    }
  }

  /** Reads the adapters' outbound counters. */
  record ReadChannelCounts() implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().counts();
    }
  }

  /** Reads a customer's recent conversations across channels. */
  record ReadCustomerConversations(String customerId) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.channels().conversationsOf(customerId);
    }
  }

  /** The engine is closing: replies not yet delivered become dead letters. */
  record CloseChannels() implements Command {
    public Object applyTo(RoutingEngine e) {
      e.channels().closing();
      return null;
    }
  }

  /** Makes each agent (value) the owner of its customer (key); all or none. */
  record MoveAccounts(Map<String, String> newOwners) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.moveAccounts(newOwners);
      return null;
    }
  }

  /** Clears a customer's owner. */
  record ClearOwner(String customerId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.clearOwner(customerId);
      return null;
    }
  }

  /** Reads a customer's relationships; changes nothing. */
  record ReadRelationships(String customerId) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.relationships(customerId);
    }
  }

  /** Reads an agent's queue; changes nothing. */
  record ReadAgentQueue(String agentId) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.agentQueue(agentId);
    }
  }

  /** Reads the affinity measures; changes nothing. */
  record ReadAffinityMeasures() implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.affinityMeasures();
    }
  }

  record AddCampaign(Campaign campaign) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.addCampaign(campaign);
      return null;
    }
  }

  record AddContacts(String campaignId, List<CampaignContact> contacts) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.addContacts(campaignId, contacts);
      return null;
    }
  }

  record AssignCampaign(CampaignAssignment assignment) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.assignCampaign(assignment);
      return null;
    }
  }

  record UnassignCampaign(String campaignId, Assignee assignee) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.unassignCampaign(campaignId, assignee);
      return null;
    }
  }

  record AwaitCustomer(String agentId, String itemId) implements Command {
    public Object applyTo(RoutingEngine e) {
      e.awaitCustomer(agentId, itemId);
      return null;
    }
  }

  /** Reads SLA attainment. */
  record SlaReportQuery() implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.slaReport();
    }
  }

  /** Reads campaign progress and shares. */
  record CampaignReportQuery() implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.campaignReport();
    }
  }

  /** Reads a snapshot; listener counters come from the loop that runs it. */
  record Snapshot(Counters counters) implements Command {
    public Object applyTo(RoutingEngine e) {
      return e.snapshot(counters.listenerFailures(), counters.droppedEvents());
    }
  }

  /** Read access to the listener failure counters for snapshots. */
  public interface Counters {
    long listenerFailures();

    long droppedEvents();
  }
}
