package dev.switchboard.internal.campaign;

import dev.switchboard.WorkItem;

/**
 * Campaign work chosen for an agent: the item to create and offer, and what the engine attaches
 * to it ({@code LiveItem.campaignData}).
 *
 * @param item the work item, created now, for the contact's customer
 * @param campaignData the blender's handle on the item
 * @param campaignId the campaign
 * @param contactId the contact
 * @param shareBefore the campaign's share of the agent's busy time before this work
 */
public record Blend(WorkItem item, Object campaignData, String campaignId, String contactId,
    double shareBefore) {}
