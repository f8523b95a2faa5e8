package dev.switchboard.affinity;

import java.time.Duration;
import java.util.Objects;

/**
 * What affinity routing achieved and cost since the engine started.
 *
 * @param answered items assigned to an agent
 * @param ownAgentHits of those, items assigned to the customer's owner
 * @param recentAgentHits of those, items assigned to one of the customer's recent agents who is
 *     not the owner
 * @param affinityWait time answered items spent waiting at affinity steps (own or recent agent),
 *     summed: the wait affinity added
 * @param affinityWaitOnMisses the part of {@code affinityWait} spent by items that in the end went
 *     to someone else: wait that bought nothing
 * @param storeFailures calls to the relationship store that threw
 * @since 0.1
 */
public record AffinityMeasures(long answered, long ownAgentHits, long recentAgentHits,
    Duration affinityWait, Duration affinityWaitOnMisses, long storeFailures) {

  /** Checks the durations are present. */
  public AffinityMeasures {
    Objects.requireNonNull(affinityWait, "affinityWait");
    Objects.requireNonNull(affinityWaitOnMisses, "affinityWaitOnMisses");
  }

  /** Share of answered items handled by the customer's own or recent agent; 0 when none. */
  public double hitRate() {
    return answered == 0 ? 0 : (double) (ownAgentHits + recentAgentHits) / answered;
  }

  /** Mean wait affinity added per answered item; zero when none. */
  public Duration meanAffinityWait() {
    return answered == 0 ? Duration.ZERO : affinityWait.dividedBy(answered);
  }
}
