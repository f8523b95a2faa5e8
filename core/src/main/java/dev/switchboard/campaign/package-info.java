/**
 * Outbound campaigns blended into agents' days: {@link dev.switchboard.campaign.Campaign} and its
 * {@link dev.switchboard.campaign.CampaignContact}s, who works on it with what {@link
 * dev.switchboard.campaign.Pacing} ({@link dev.switchboard.campaign.CampaignAssignment}), and what
 * it achieved ({@link dev.switchboard.campaign.CampaignReport}).
 */
package dev.switchboard.campaign;
