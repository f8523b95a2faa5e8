package dev.switchboard.campaign;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Campaign progress and the share of time each assigned agent gave it, taken on the engine loop by
 * {@link dev.switchboard.Supervisor#campaignReport()}.
 *
 * @param at engine time of the report
 * @param campaigns one entry per campaign, in the order they were added
 * @param shares one entry per agent and campaign the agent worked on or is assigned to, by
 *     campaign then agent id
 * @since 0.1
 */
public record CampaignReport(Instant at, List<Progress> campaigns, List<Share> shares) {

  /** Copies the lists. */
  public CampaignReport {
    campaigns = List.copyOf(campaigns);
    shares = List.copyOf(shares);
  }

  /** The campaign's progress, if it exists. */
  public Optional<Progress> campaign(String campaignId) {
    return campaigns.stream().filter(c -> c.campaignId().equals(campaignId)).findFirst();
  }

  /** The agent's share of the campaign, if measured. */
  public Optional<Share> share(String campaignId, String agentId) {
    return shares.stream()
        .filter(s -> s.campaignId().equals(campaignId) && s.agentId().equals(agentId))
        .findFirst();
  }

  /**
   * One campaign's contacts.
   *
   * @param campaignId the campaign
   * @param pending contacts not yet reached out to (or handed back)
   * @param inProgress contacts whose work item is live
   * @param outcomes finished contacts by outcome code ({@code cancelled} and {@code abandoned}
   *     when the host ended the item), in the order first seen
   */
  public record Progress(String campaignId, int pending, int inProgress,
      Map<String, Long> outcomes) {
    /** Copies the map. */
    public Progress {
      Objects.requireNonNull(campaignId, "campaignId");
      outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** Contacts finished with any outcome. */
    public long finished() {
      return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * The share of one agent's busy time that went to one campaign over the pacing window.
   *
   * @param campaignId the campaign
   * @param agentId the agent
   * @param pacing the agent's current pacing for it, if still assigned
   * @param target the pacing's target share, if it has one
   * @param achieved campaign time divided by busy time in the window (0 when never busy)
   * @param campaignTime time holding this campaign's work in the window
   * @param busyTime time holding any work in the window
   */
  public record Share(String campaignId, String agentId, Optional<Pacing> pacing,
      OptionalDouble target, double achieved, Duration campaignTime, Duration busyTime) {
    /** Checks for nulls. */
    public Share {
      Objects.requireNonNull(campaignId, "campaignId");
      Objects.requireNonNull(agentId, "agentId");
      Objects.requireNonNull(pacing, "pacing");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(campaignTime, "campaignTime");
      Objects.requireNonNull(busyTime, "busyTime");
    }
  }
}
