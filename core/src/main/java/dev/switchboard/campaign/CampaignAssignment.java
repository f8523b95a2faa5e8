package dev.switchboard.campaign;

import dev.switchboard.internal.check.Checks;
import java.util.Objects;

/**
 * A supervisor's decision to put an agent or team on a campaign, with a pacing. Sent with {@link
 * dev.switchboard.Supervisor#assignCampaign(CampaignAssignment)}; assigning the same campaign to
 * the same assignee again replaces the pacing.
 *
 * @param campaignId the campaign
 * @param assignee the agent, team or routing expression
 * @param pacing how much of their time it may take
 * @since 0.1
 */
public record CampaignAssignment(String campaignId, Assignee assignee, Pacing pacing) {

  /** Checks the fields. */
  public CampaignAssignment {
    Checks.id("campaign id", campaignId);
    Objects.requireNonNull(assignee, "assignee");
    Objects.requireNonNull(pacing, "pacing");
  }
}
