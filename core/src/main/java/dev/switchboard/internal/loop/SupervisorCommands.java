package dev.switchboard.internal.loop;

import dev.switchboard.Presence;
import dev.switchboard.Supervisor;
import dev.switchboard.TransferTarget;
import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AgentQueue;
import dev.switchboard.affinity.Relationships;
import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.CampaignContact;
import dev.switchboard.campaign.CampaignReport;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.sla.SlaReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The supervisor's operations as commands on the engine they belong to. */
final class SupervisorCommands implements Supervisor {

  private final AbstractSwitchboard engine;

  SupervisorCommands(AbstractSwitchboard engine) {
    this.engine = engine;
  }

  @Override
  public CompletionStage<AgentQueue> agentQueue(String agentId) {
    return engine.send(new Command.ReadAgentQueue(Checks.id("agentId", agentId)));
  }

  @Override
  public CompletionStage<Void> moveItem(String itemId, String toAgentId) {
    return engine.transfer(itemId, TransferTarget.agent(toAgentId));
  }

  @Override
  public CompletionStage<Void> pause(String agentId) {
    return engine.setPresence(agentId, Presence.away(PAUSED));
  }

  @Override
  public CompletionStage<Void> resume(String agentId) {
    return engine.setPresence(agentId, Presence.AVAILABLE);
  }

  @Override
  public CompletionStage<Relationships> relationships(String customerId) {
    return engine.send(new Command.ReadRelationships(Checks.id("customerId", customerId)));
  }

  @Override
  public CompletionStage<Void> moveAccount(String customerId, String toAgentId) {
    return moveAccounts(Map.of(Checks.id("customerId", customerId),
        Checks.id("toAgentId", toAgentId)));
  }

  @Override
  public CompletionStage<Void> moveAccounts(Map<String, String> newOwners) {
    Objects.requireNonNull(newOwners, "newOwners");
    Map<String, String> copy = new LinkedHashMap<>();
    newOwners.forEach((customer, agent) ->
        copy.put(Checks.id("customerId", customer), Checks.id("owner of " + customer, agent)));
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("newOwners is empty; name at least one account to move");
    }
    return engine.send(new Command.MoveAccounts(java.util.Collections.unmodifiableMap(copy)));
  }

  @Override
  public CompletionStage<Void> clearOwner(String customerId) {
    return engine.send(new Command.ClearOwner(Checks.id("customerId", customerId)));
  }

  @Override
  public CompletionStage<Void> mergeCustomers(String fromCustomerId, String intoCustomerId) {
    return engine.send(new Command.MergeCustomers(Checks.id("fromCustomerId", fromCustomerId),
        Checks.id("intoCustomerId", intoCustomerId), Set.of()));
  }

  @Override
  public CompletionStage<Void> addCampaign(Campaign campaign) {
    Objects.requireNonNull(campaign, "campaign");
    return engine.send(new Command.AddCampaign(campaign));
  }

  @Override
  public CompletionStage<Void> addContacts(String campaignId, List<CampaignContact> contacts) {
    Objects.requireNonNull(contacts, "contacts");
    contacts.forEach(c -> Objects.requireNonNull(c, "contact"));
    return engine.send(new Command.AddContacts(Checks.id("campaignId", campaignId),
        List.copyOf(contacts)));
  }

  @Override
  public CompletionStage<Void> assignCampaign(CampaignAssignment assignment) {
    Objects.requireNonNull(assignment, "assignment");
    return engine.send(new Command.AssignCampaign(assignment));
  }

  @Override
  public CompletionStage<Void> unassignCampaign(String campaignId, Assignee assignee) {
    Objects.requireNonNull(assignee, "assignee");
    return engine.send(new Command.UnassignCampaign(Checks.id("campaignId", campaignId), assignee));
  }

  @Override
  public CompletionStage<SlaReport> slaReport() {
    return engine.send(new Command.SlaReportQuery());
  }

  @Override
  public CompletionStage<CampaignReport> campaignReport() {
    return engine.send(new Command.CampaignReportQuery());
  }

  @Override
  public CompletionStage<AffinityMeasures> affinityMeasures() {
    return engine.send(new Command.ReadAffinityMeasures());
  }
}
