package dev.switchboard.micrometer.internal;

import dev.switchboard.kpi.IntervalKpis;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * The live KPIs exposed as gauges for every dimension and period: each one's name after the
 * dimension's prefix (so {@code service.level} becomes {@code switchboard.queue.service.level}),
 * its base unit and how it is read from an {@link IntervalKpis}. Counts read zero for a key with
 * nothing counted in the period; ratios and means read NaN when their denominator is zero, as
 * Micrometer's gauges do for "no value". Definitions are in {@code docs/insights.md}.
 */
enum KpiGauge {
  /** Inbound items submitted. */
  OFFERED("offered", Units.ITEMS, "Inbound items submitted", k -> k.offered()),
  /** Inbound items taken by an agent for the first time. */
  ANSWERED("answered", Units.ITEMS, "Inbound items taken by an agent", k -> k.answered()),
  /** Items the customer gave up on before an agent took them. */
  ABANDONED("abandoned", Units.ITEMS, "Items the customer gave up on before an agent took them",
      k -> k.abandoned()),
  /** Items the host cancelled before any agent took them. */
  UNANSWERED("unanswered", Units.ITEMS, "Items the host cancelled before an agent took them",
      k -> k.unanswered()),
  /** Items completed, campaign work included. */
  HANDLED("handled", Units.ITEMS, "Items completed, campaign work included", k -> k.handled()),
  /** Items completed with outcome resolved. */
  RESOLVED("resolved", Units.ITEMS, "Items completed with outcome resolved", k -> k.resolved()),
  /** Items that reopened a recently resolved conversation. */
  REOPENED("reopened", Units.ITEMS, "Items that reopened a recently resolved conversation",
      k -> k.reopened()),
  /** SLA warnings raised. */
  SLA_WARNINGS("sla.warnings", null, "SLA warnings raised", k -> k.slaWarnings()),
  /** SLA breaches. */
  SLA_BREACHES("sla.breaches", null, "SLA breaches", k -> k.slaBreaches()),
  /** Share answered within the queue's threshold. */
  SERVICE_LEVEL("service.level", Units.RATIO,
      "Answered in time / (answered + abandoned after the threshold)",
      k -> value(k.serviceLevel())),
  /** Share of offered items that had to wait. */
  WAIT_PROBABILITY("wait.probability", Units.RATIO, "Offered items that had to wait / offered",
      k -> value(k.probabilityOfWait())),
  /** Share of items whose fate came that were abandoned. */
  ABANDONMENT("abandonment", Units.RATIO, "Abandoned / (answered + abandoned)",
      k -> value(k.abandonmentRate())),
  /** Mean time from creation to first assignment. */
  SPEED_OF_ANSWER("speed.of.answer.average", Units.SECONDS,
      "Mean time from creation to first assignment", k -> seconds(k.averageSpeedOfAnswer())),
  /** Mean time from last assignment to completion, wrap-up included. */
  HANDLE_TIME("handle.time.average", Units.SECONDS,
      "Mean time from last assignment to completion, wrap-up included",
      k -> seconds(k.averageHandleTime())),
  /** Busy agent time over staffed agent time. */
  OCCUPANCY("occupancy", Units.RATIO, "Busy agent time / staffed agent time",
      k -> value(k.occupancy())),
  /** Share of handled inbound items resolved at first contact. */
  FIRST_CONTACT_RESOLUTION("first.contact.resolution", Units.RATIO,
      "Resolved at first contact / handled inbound items", k -> value(k.firstContactResolution())),
  /** Campaign handle time over all handle time. */
  CAMPAIGN_SHARE("campaign.share", Units.RATIO, "Campaign handle time / handle time",
      k -> value(k.campaignShare())),
  /** Inbound items submitted while the KPIs' business calendar was closed. */
  OFFERED_AFTER_HOURS("offered.after.hours", Units.ITEMS,
      "Inbound items submitted while the business calendar was closed",
      k -> k.offeredAfterHours()),
  /** Items held because their queue was closed. */
  HELD("held", Units.ITEMS, "Items held because their queue was closed", k -> k.held()),
  /** Time held, summed over the holds that ended, per item held. */
  HELD_TIME("held.time.average", Units.SECONDS,
      "Time held while queues were closed (part of the wait) / items held",
      k -> k.held() == 0 ? Double.NaN : Units.seconds(k.heldTime()) / k.held());

  private final String suffix;
  private final String unit;
  private final String description;
  private final ToDoubleFunction<IntervalKpis> read;

  KpiGauge(String suffix, String unit, String description, ToDoubleFunction<IntervalKpis> read) {
    this.suffix = suffix;
    this.unit = unit;
    this.description = description;
    this.read = read;
  }

  /** The name after the dimension's prefix, e.g. {@code service.level}. */
  String suffix() {
    return suffix;
  }

  /** The base unit, or null for a plain count of events. */
  String unit() {
    return unit;
  }

  /** What the gauge says, for the meter's description. */
  String description() {
    return description;
  }

  /** The value for a period's figures; an absent period counts zero or reads NaN. */
  double read(Optional<IntervalKpis> kpis) {
    if (kpis.isPresent()) {
      return read.applyAsDouble(kpis.get());
    }
    return isRatioOrMean() ? Double.NaN : 0;
  }

  private boolean isRatioOrMean() {
    return Units.RATIO.equals(unit) || Units.SECONDS.equals(unit);
  }

  private static double value(OptionalDouble d) {
    return d.orElse(Double.NaN);
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(Units::seconds).orElse(Double.NaN);
  }
}
