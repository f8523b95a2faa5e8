package dev.switchboard.kpi.internal;

import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.IntervalKpis;
import dev.switchboard.kpi.ServiceTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The running totals behind one {@link IntervalKpis}; touched only under the aggregator's lock. */
final class Counters {
  long offered;
  long waited;
  long answered;
  long answeredInTime;
  long abandoned;
  long abandonedInTime;
  long unanswered;
  long speedOfAnswerNanos;
  long handled;
  long handleNanos;
  long campaignHandled;
  long campaignHandleNanos;
  long busyNanos;
  long staffedNanos;
  long slaWarnings;
  long slaBreaches;
  long resolved;
  long resolvedAtFirstContact;
  long reopened;
  long followUps;
  long ownAgentAnswers;
  long recentAgentAnswers;
  long affinityWaitNanos;
  long abandonWaitNanos;
  long offeredAfterHours;
  long held;
  long heldNanos;

  Counters copy() {
    Counters c = new Counters();
    c.offered = offered;
    c.waited = waited;
    c.answered = answered;
    c.answeredInTime = answeredInTime;
    c.abandoned = abandoned;
    c.abandonedInTime = abandonedInTime;
    c.unanswered = unanswered;
    c.speedOfAnswerNanos = speedOfAnswerNanos;
    c.handled = handled;
    c.handleNanos = handleNanos;
    c.campaignHandled = campaignHandled;
    c.campaignHandleNanos = campaignHandleNanos;
    c.busyNanos = busyNanos;
    c.staffedNanos = staffedNanos;
    c.slaWarnings = slaWarnings;
    c.slaBreaches = slaBreaches;
    c.resolved = resolved;
    c.resolvedAtFirstContact = resolvedAtFirstContact;
    c.reopened = reopened;
    c.followUps = followUps;
    c.ownAgentAnswers = ownAgentAnswers;
    c.recentAgentAnswers = recentAgentAnswers;
    c.affinityWaitNanos = affinityWaitNanos;
    c.abandonWaitNanos = abandonWaitNanos;
    c.offeredAfterHours = offeredAfterHours;
    c.held = held;
    c.heldNanos = heldNanos;
    return c;
  }

  IntervalKpis freeze(Dimension dimension, String key, Instant start, Instant end,
      Optional<ServiceTarget> target, Duration openTime) {
    return new IntervalKpis(dimension, key, start, end, target, offered, waited, answered,
        answeredInTime, abandoned, abandonedInTime, unanswered,
        Duration.ofNanos(speedOfAnswerNanos), handled, Duration.ofNanos(handleNanos),
        campaignHandled, Duration.ofNanos(campaignHandleNanos), Duration.ofNanos(busyNanos),
        Duration.ofNanos(staffedNanos), slaWarnings, slaBreaches, resolved, resolvedAtFirstContact,
        reopened, followUps, ownAgentAnswers, recentAgentAnswers,
        Duration.ofNanos(affinityWaitNanos), Duration.ofNanos(abandonWaitNanos),
        offeredAfterHours, held, Duration.ofNanos(heldNanos), openTime);
  }
}
