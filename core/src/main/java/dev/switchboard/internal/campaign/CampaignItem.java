package dev.switchboard.internal.campaign;

/**
 * What a campaign work item carries back to the blender: its campaign and contact, whether it
 * still goes only to the agent it was blended for (until transferred), and whether it is being
 * handed back rather than ended by the host.
 */
final class CampaignItem {

  final CampaignState campaign;
  final dev.switchboard.campaign.CampaignContact contact;
  /** The agent it was blended in for. */
  final String agentId;
  boolean direct = true;
  boolean handedBack;

  CampaignItem(CampaignState campaign, dev.switchboard.campaign.CampaignContact contact,
      String agentId) {
    this.campaign = campaign;
    this.contact = contact;
    this.agentId = agentId;
  }
}
