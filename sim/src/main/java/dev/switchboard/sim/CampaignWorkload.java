package dev.switchboard.sim;

import dev.switchboard.campaign.Assignee;
import dev.switchboard.campaign.Campaign;
import dev.switchboard.campaign.CampaignAssignment;
import dev.switchboard.campaign.Pacing;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Outbound work in a simulation: a campaign with a list of contacts, who is put on it with what
 * pacing, and how long each contact takes to handle. At the start of every replication the
 * campaign is added to the engine with {@code contacts} contacts ({@code k1} to {@code kn}, customers
 * {@code <campaign>-customer-1} onwards) and assigned; the engine blends its work into the
 * assignees' days. At the horizon the assignments end, so no campaign work starts while the centre
 * drains. Build one with {@link #builder(Campaign)}.
 *
 * @param campaign the campaign as the engine will receive it
 * @param contacts contacts in its list, 1 to {@link SimulationLimits#MAX_CONTACTS}
 * @param assignments who works on it, with what pacing (at least one)
 * @param handleTime how long an agent holds one contact's item, sampled per contact
 * @since 0.1
 */
public record CampaignWorkload(Campaign campaign, int contacts,
    List<CampaignAssignment> assignments, Distribution handleTime) {

  /** Checks every field. */
  public CampaignWorkload {
    Objects.requireNonNull(campaign, "campaign");
    Objects.requireNonNull(handleTime, "handleTime");
    if (contacts < 1) {
      throw new IllegalArgumentException("campaign " + campaign.id() + " contacts is " + contacts
          + "; allowed: at least 1");
    }
    SimulationLimits.count("campaign " + campaign.id() + " contacts", contacts,
        SimulationLimits.MAX_CONTACTS);
    assignments = List.copyOf(assignments);
    if (assignments.isEmpty()) {
      throw new IllegalArgumentException("campaign " + campaign.id()
          + " has no assignment; assign an agent or team with assign(...)");
    }
    for (CampaignAssignment a : assignments) {
      if (!a.campaignId().equals(campaign.id())) {
        throw new IllegalArgumentException("assignment for campaign " + a.campaignId()
            + " given to campaign " + campaign.id());
      }
    }
  }

  /** The pacing target of the assignments that have one, averaged; NaN when none has one. */
  double targetShare() {
    return assignments.stream().map(CampaignAssignment::pacing)
        .filter(p -> p instanceof Pacing.Share).mapToDouble(p -> ((Pacing.Share) p).target())
        .average().orElse(Double.NaN);
  }

  /** Starts describing the campaign's workload. */
  public static Builder builder(Campaign campaign) {
    return new Builder(campaign);
  }

  /** Builds a {@link CampaignWorkload}. */
  public static final class Builder {
    private final Campaign campaign;
    private Integer contacts;
    private Distribution handleTime;
    private final List<CampaignAssignment> assignments = new ArrayList<>();

    private Builder(Campaign campaign) {
      this.campaign = Objects.requireNonNull(campaign, "campaign");
    }

    /** Contacts in the list (required, at least 1). */
    public Builder contacts(int contacts) {
      if (this.contacts != null) {
        throw new IllegalStateException("contacts is already set");
      }
      this.contacts = contacts;
      return this;
    }

    /** Puts an agent or a team on the campaign with the pacing; one assignment per assignee. */
    public Builder assign(Assignee assignee, Pacing pacing) {
      Objects.requireNonNull(assignee, "assignee");
      if (assignments.stream().anyMatch(a -> a.assignee().equals(assignee))) {
        throw new IllegalArgumentException(assignee + " is already assigned to campaign "
            + campaign.id());
      }
      assignments.add(new CampaignAssignment(campaign.id(), assignee, pacing));
      return this;
    }

    /** How long one contact takes to handle (required). */
    public Builder handleTime(Distribution handleTime) {
      if (this.handleTime != null) {
        throw new IllegalStateException("handleTime is already set");
      }
      this.handleTime = Objects.requireNonNull(handleTime, "handleTime");
      return this;
    }

    /** Builds the workload, checking every field. */
    public CampaignWorkload build() {
      if (contacts == null) {
        throw new IllegalStateException("campaign " + campaign.id() + ": contacts is not set");
      }
      if (handleTime == null) {
        throw new IllegalStateException("campaign " + campaign.id() + ": handleTime is not set");
      }
      return new CampaignWorkload(campaign, contacts, assignments, handleTime);
    }
  }
}
