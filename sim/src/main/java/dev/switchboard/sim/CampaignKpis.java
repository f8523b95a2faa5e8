package dev.switchboard.sim;

/**
 * What one simulated campaign achieved, each an {@link Estimate} over replications.
 *
 * <ul>
 *   <li>{@code targetShare}: the pacing target, averaged over the campaign's assignments that
 *       have a share target (NaN when every assignment is only-when-idle).
 *   <li>{@code shareAchieved}: at the horizon, the campaign's time divided by the busy time of
 *       the agents measured on it, each over their pacing window, from the engine's {@link
 *       dev.switchboard.campaign.CampaignReport}.
 *   <li>{@code contactsHandled}: contacts finished (any outcome) between the end of the warm-up
 *       and the end of the run.
 *   <li>{@code contactsPending}: contacts never reached out to by the end of the run.
 * </ul>
 *
 * @param targetShare the pacing target share
 * @param shareAchieved the share achieved
 * @param contactsHandled contacts finished after the warm-up
 * @param contactsPending contacts left in the list at the end
 * @since 0.1
 */
public record CampaignKpis(double targetShare, Estimate shareAchieved, Estimate contactsHandled,
    Estimate contactsPending) {}
