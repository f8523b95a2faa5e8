package dev.switchboard.kpi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The KPIs of one dimension and key (a queue, channel, team, agent or everything) over one period:
 * an interval or the day so far. Each event is counted in the period its engine time falls in
 * (an item answered at 09:16 counts as answered in the 09:15 interval, whenever it arrived).
 * The raw counts and totals are the components; the ratios are methods, empty when their
 * denominator is zero. Definitions, with their limits, are in {@code docs/insights.md}.
 *
 * @param dimension what the figures are about
 * @param key the queue, channel id, team or agent id; {@link Dimension#ALL_KEY} for everything
 * @param start start of the period, inclusive
 * @param end end of the period, exclusive
 * @param target the queue's service-level target, for the {@link Dimension#QUEUE} dimension; empty
 *     for the others (there each item is still judged against its own queue's threshold)
 * @param offered inbound items submitted (campaign work excluded)
 * @param waited offered items whose first routing decision was to queue them, not to offer them
 * @param answered inbound items taken by an agent for the first time
 * @param answeredInTime of those, items taken within their queue's threshold of creation
 * @param abandoned items the customer gave up on before an agent took them
 * @param abandonedInTime of those, items given up within their queue's threshold of creation
 * @param unanswered items the host cancelled before any agent took them
 * @param speedOfAnswer creation to first assignment, summed over {@code answered}
 * @param handled items completed (inbound and campaign)
 * @param handleTime last assignment to completion (wrap-up included), summed over {@code handled}
 * @param campaignHandled of {@code handled}, campaign items
 * @param campaignHandleTime of {@code handleTime}, the campaign items' part
 * @param busyTime agent time spent holding at least one assigned or wrapping-up item
 * @param staffedTime agent time either holding work or available for it (away and offline time
 *     while holding nothing excluded)
 * @param slaWarnings SLA warnings raised (either clock)
 * @param slaBreaches SLA breaches (either clock)
 * @param resolved items completed with outcome {@code resolved}
 * @param resolvedAtFirstContact of those, items resolved by the only agent that took them, never
 *     transferred or released, that did not reopen a conversation
 * @param reopened items that reopened a conversation whose last item was resolved within the
 *     reopen window; for teams and agents counted against who resolved it
 * @param followUps messages from the customer on an item that was still live
 * @param ownAgentAnswers of {@code answered}, items taken by the customer's own agent
 * @param recentAgentAnswers of {@code answered}, items taken by one of the customer's recent
 *     agents who is not the owner
 * @param affinityWait time answered items waited at affinity steps (own or recent agent),
 *     summed over {@code answered}: the wait affinity added
 * @param abandonWait creation to abandonment, summed over {@code abandoned}
 * @param offeredAfterHours of {@code offered}, items submitted while the KPIs' business calendar
 *     was closed, counted in the period of its next opening; 0 without a calendar
 * @param held items the engine held because their queue was closed (queue hours)
 * @param heldTime time items spent held, summed over the holds that ended in the period (released
 *     at the queue's opening, or abandoned or cancelled while held); part of their wait, so also
 *     in {@code speedOfAnswer} or {@code abandonWait}
 * @param openTime the period's open time by the KPIs' business calendar; its whole length without
 *     one. Rates per hour of the period divide by this
 * @since 0.2
 */
public record IntervalKpis(Dimension dimension, String key, Instant start, Instant end,
    Optional<ServiceTarget> target,
    long offered, long waited, long answered, long answeredInTime, long abandoned,
    long abandonedInTime, long unanswered, Duration speedOfAnswer,
    long handled, Duration handleTime, long campaignHandled, Duration campaignHandleTime,
    Duration busyTime, Duration staffedTime, long slaWarnings, long slaBreaches,
    long resolved, long resolvedAtFirstContact, long reopened, long followUps,
    long ownAgentAnswers, long recentAgentAnswers, Duration affinityWait, Duration abandonWait,
    long offeredAfterHours, long held, Duration heldTime, Duration openTime) {

  /** Checks the objects are present. */
  public IntervalKpis {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(speedOfAnswer, "speedOfAnswer");
    Objects.requireNonNull(handleTime, "handleTime");
    Objects.requireNonNull(campaignHandleTime, "campaignHandleTime");
    Objects.requireNonNull(busyTime, "busyTime");
    Objects.requireNonNull(staffedTime, "staffedTime");
    Objects.requireNonNull(affinityWait, "affinityWait");
    Objects.requireNonNull(abandonWait, "abandonWait");
    Objects.requireNonNull(heldTime, "heldTime");
    Objects.requireNonNull(openTime, "openTime");
  }

  /**
   * Service level: {@code answeredInTime / (answered + abandoned - abandonedInTime)}. Items
   * abandoned within the threshold neither help nor hurt; items abandoned after it count as
   * missed. Empty when nothing was answered or abandoned late.
   */
  public OptionalDouble serviceLevel() {
    return ratio(answeredInTime, answered + abandoned - abandonedInTime);
  }

  /** Whether the service level meets the queue's target; empty without a target or a level. */
  public Optional<Boolean> meetsTarget() {
    OptionalDouble level = serviceLevel();
    if (target.isEmpty() || level.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(level.getAsDouble() >= target.get().target());
  }

  /** Probability of waiting: {@code waited / offered}. */
  public OptionalDouble probabilityOfWait() {
    return ratio(waited, offered);
  }

  /** Abandonment: {@code abandoned / (answered + abandoned)}, of the items whose fate came. */
  public OptionalDouble abandonmentRate() {
    return ratio(abandoned, answered + abandoned);
  }

  /**
   * Average speed of answer: {@code speedOfAnswer / answered}, measured from each item's creation,
   * so time held after hours counts as waiting ({@link #heldTime} shows that part).
   */
  public Optional<Duration> averageSpeedOfAnswer() {
    return mean(speedOfAnswer, answered);
  }

  /** Average handle time: {@code handleTime / handled}. */
  public Optional<Duration> averageHandleTime() {
    return mean(handleTime, handled);
  }

  /** Occupancy: {@code busyTime / staffedTime}. */
  public OptionalDouble occupancy() {
    return ratio(busyTime.toNanos(), staffedTime.toNanos());
  }

  /** Campaign share of handled work, by time: {@code campaignHandleTime / handleTime}. */
  public OptionalDouble campaignShare() {
    return ratio(campaignHandleTime.toNanos(), handleTime.toNanos());
  }

  /** First-contact resolution: {@code resolvedAtFirstContact / handled}, campaign work aside. */
  public OptionalDouble firstContactResolution() {
    return ratio(resolvedAtFirstContact, handled - campaignHandled);
  }

  /**
   * Affinity hit rate: {@code (ownAgentAnswers + recentAgentAnswers) / answered}, the share of
   * answers by an agent the customer knows.
   */
  public OptionalDouble affinityHitRate() {
    return ratio(ownAgentAnswers + recentAgentAnswers, answered);
  }

  /** Mean wait affinity added per answered item: {@code affinityWait / answered}. */
  public Optional<Duration> averageAffinityWait() {
    return mean(affinityWait, answered);
  }

  /**
   * Mean patience, estimated for exponential patience from waits that ended in an answer
   * (censored: the customer would have waited longer) and in abandonment: {@code (speedOfAnswer
   * + abandonWait) / abandoned}. Empty when nobody abandoned. Items still waiting when the
   * interval ends are not in it, which biases it low when queues are long.
   */
  public Optional<Duration> estimatedPatience() {
    return mean(speedOfAnswer.plus(abandonWait), abandoned);
  }

  /**
   * Items offered per open hour: {@code (offered - offeredAfterHours) / openTime}, the arrival
   * rate while open, without the work that came in while closed and reached the period at its
   * opening. Empty when the period had no open time.
   */
  public OptionalDouble offeredPerOpenHour() {
    return !openTime.isZero() && !openTime.isNegative()
        ? OptionalDouble.of((offered - offeredAfterHours) / (openTime.toNanos() / 3.6e12))
        : OptionalDouble.empty();
  }

  private static OptionalDouble ratio(long part, long whole) {
    return whole <= 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part / whole);
  }

  private static Optional<Duration> mean(Duration total, long n) {
    return n <= 0 ? Optional.empty() : Optional.of(total.dividedBy(n));
  }
}
