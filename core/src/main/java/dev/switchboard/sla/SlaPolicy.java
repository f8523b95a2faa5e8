package dev.switchboard.sla;

import dev.switchboard.Channel;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.internal.check.Checks;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How fast work of one channel and item type must be answered and resolved, who hears about it
 * when it is at risk, and what the engine does when it is late. Immutable; build one with {@link
 * #builder(String)} and register it with {@link dev.switchboard.SwitchboardBuilder#slaPolicy}.
 *
 * <p><b>Which policy applies.</b> An item's type is its {@value #ITEM_TYPE_ATTRIBUTE} attribute (a
 * string), if it has one. Of the registered policies whose channel and type both fit the item
 * (an unset channel or type fits anything), the most specific applies: channel and type, then
 * type only, then channel only, then a policy with neither. Campaign work has no SLA.
 *
 * <p><b>Clocks.</b> Both clocks start at the item's creation time. The first-response clock stops
 * when an agent takes the item; the resolution clock stops when an agent completes it. An item's
 * own {@link dev.switchboard.WorkItem#slaTarget()} replaces the policy's first-response target.
 * See the user guide for what pauses and what resets the clocks.
 *
 * <p><b>Business hours.</b> With a {@link BusinessCalendar}, targets count open time only: a
 * four-hour first response for an email arriving on Friday evening runs out four open hours
 * later, on Monday; warnings come at their fraction of the open time, and pauses keep the open
 * time left. An item's own absolute deadline ({@code WorkItem.slaDeadline}) stays as given.
 *
 * @param name the policy's name, reported in alerts
 * @param channel the channel the policy is for; empty for every channel
 * @param itemType the item type the policy is for; empty for every type
 * @param firstResponse how long after creation an agent must take the item, if limited
 * @param resolution how long after creation the item must be completed, if limited
 * @param warnAt the fraction of a target (above 0, below 1) at which a warning is raised
 * @param warnTo who is alerted at the warning; may be empty
 * @param breachTo who is alerted at the breach; may be empty
 * @param onBreach what the engine does at each breach, in order
 * @param supervisor who gets supervisor alerts when the item's agent has no supervisor (or the
 *     item has no agent), if anyone
 * @param calendar the business hours the targets count, if any (else around the clock)
 * @since 0.1
 */
public record SlaPolicy(String name, Optional<Channel> channel, Optional<String> itemType,
    Optional<Duration> firstResponse, Optional<Duration> resolution, double warnAt,
    Set<AlertRecipient> warnTo, Set<AlertRecipient> breachTo, List<SlaEscalation> onBreach,
    Optional<String> supervisor, Optional<BusinessCalendar> calendar) {

  /** The item attribute holding the item's type. */
  public static final String ITEM_TYPE_ATTRIBUTE = "type";
  /** The warning fraction when none is set. */
  public static final double DEFAULT_WARN_AT = 0.8;

  /** A policy whose targets run around the clock, as before calendars existed. */
  public SlaPolicy(String name, Optional<Channel> channel, Optional<String> itemType,
      Optional<Duration> firstResponse, Optional<Duration> resolution, double warnAt,
      Set<AlertRecipient> warnTo, Set<AlertRecipient> breachTo, List<SlaEscalation> onBreach,
      Optional<String> supervisor) {
    this(name, channel, itemType, firstResponse, resolution, warnAt, warnTo, breachTo, onBreach,
        supervisor, Optional.empty());
  }

  /** Validates and copies every field. */
  public SlaPolicy {
    Checks.id("SLA policy name", name);
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(itemType, "itemType").ifPresent(t -> Checks.id("itemType", t));
    Objects.requireNonNull(firstResponse, "firstResponse").ifPresent(d -> positive(name,
        "firstResponse", d));
    Objects.requireNonNull(resolution, "resolution").ifPresent(d -> positive(name, "resolution",
        d));
    if (firstResponse.isEmpty() && resolution.isEmpty()) {
      throw new IllegalArgumentException("SLA policy '" + name + "' has no target: set"
          + " firstResponse, resolution or both");
    }
    if (!(warnAt > 0 && warnAt < 1)) {
      throw new IllegalArgumentException("SLA policy '" + name + "' warnAt is " + warnAt
          + "; allowed: above 0 and below 1");
    }
    warnTo = copy(Objects.requireNonNull(warnTo, "warnTo"));
    breachTo = copy(Objects.requireNonNull(breachTo, "breachTo"));
    onBreach = List.copyOf(Objects.requireNonNull(onBreach, "onBreach"));
    Objects.requireNonNull(supervisor, "supervisor").ifPresent(s -> Checks.id("supervisor", s));
    Objects.requireNonNull(calendar, "calendar").ifPresent(c -> {
      if (c.week().isEmpty()) {
        throw new IllegalArgumentException("SLA policy '" + name + "': calendar " + c.name()
            + " opens on no day of the week, so its clocks would never run");
      }
    });
  }

  /** Starts building a policy with this name. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The target of the clock, if the policy limits it. */
  public Optional<Duration> target(SlaClock clock) {
    return clock == SlaClock.FIRST_RESPONSE ? firstResponse : resolution;
  }

  /** How specific the policy is: 3 for channel and type, 2 type, 1 channel, 0 neither. */
  public int specificity() {
    return (itemType.isPresent() ? 2 : 0) + (channel.isPresent() ? 1 : 0);
  }

  private static void positive(String name, String field, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("SLA policy '" + name + "' " + field + " is " + d
          + "; it must be positive");
    }
  }

  private static Set<AlertRecipient> copy(Set<AlertRecipient> recipients) {
    Set<AlertRecipient> s = EnumSet.noneOf(AlertRecipient.class);
    for (AlertRecipient r : recipients) {
      s.add(Objects.requireNonNull(r, "alert recipient"));
    }
    return Collections.unmodifiableSet(s);
  }

  /**
   * Builds an {@link SlaPolicy}. Each option may be set once; a second call throws naming it.
   */
  public static final class Builder {
    private final String name;
    private final Set<String> setOnce = new LinkedHashSet<>();
    private Optional<Channel> channel = Optional.empty();
    private Optional<String> itemType = Optional.empty();
    private Optional<Duration> firstResponse = Optional.empty();
    private Optional<Duration> resolution = Optional.empty();
    private double warnAt = DEFAULT_WARN_AT;
    private Set<AlertRecipient> warnTo = Set.of();
    private Set<AlertRecipient> breachTo = Set.of();
    private List<SlaEscalation> onBreach = List.of();
    private Optional<String> supervisor = Optional.empty();
    private Optional<BusinessCalendar> calendar = Optional.empty();

    private Builder(String name) {
      this.name = name;
    }

    /** Applies the policy to items of this channel only. */
    public Builder channel(Channel channel) {
      once("channel");
      this.channel = Optional.of(Objects.requireNonNull(channel, "channel"));
      return this;
    }

    /** Applies the policy to items whose {@value #ITEM_TYPE_ATTRIBUTE} attribute is this type. */
    public Builder itemType(String type) {
      once("itemType");
      this.itemType = Optional.of(type);
      return this;
    }

    /** An agent must take the item within this long of its creation. */
    public Builder firstResponse(Duration target) {
      once("firstResponse");
      this.firstResponse = Optional.of(Objects.requireNonNull(target, "firstResponse"));
      return this;
    }

    /** The item must be completed within this long of its creation. */
    public Builder resolution(Duration target) {
      once("resolution");
      this.resolution = Optional.of(Objects.requireNonNull(target, "resolution"));
      return this;
    }

    /** Warns at this fraction of each target (above 0, below 1); 0.8 by default. */
    public Builder warnAt(double fraction) {
      once("warnAt");
      this.warnAt = fraction;
      return this;
    }

    /** Who is alerted when a clock reaches the warning fraction; nobody by default. */
    public Builder alertOnWarning(AlertRecipient... recipients) {
      once("alertOnWarning");
      this.warnTo = Set.of(recipients);
      return this;
    }

    /** Who is alerted when a clock breaches; nobody by default. */
    public Builder alertOnBreach(AlertRecipient... recipients) {
      once("alertOnBreach");
      this.breachTo = Set.of(recipients);
      return this;
    }

    /** What the engine does at each breach, in order; nothing by default. */
    public Builder onBreach(SlaEscalation... actions) {
      once("onBreach");
      this.onBreach = List.of(actions);
      return this;
    }

    /** Who gets supervisor alerts when the item's agent has no supervisor, or there is none. */
    public Builder supervisor(String supervisorId) {
      once("supervisor");
      this.supervisor = Optional.of(supervisorId);
      return this;
    }

    /**
     * Counts the targets in the calendar's open hours only (see the policy's "Business hours");
     * around the clock by default.
     *
     * @since 0.3
     */
    public Builder calendar(BusinessCalendar calendar) {
      Objects.requireNonNull(calendar, "calendar");
      once("calendar");
      this.calendar = Optional.of(calendar);
      return this;
    }

    /** Builds the policy, validating every field. */
    public SlaPolicy build() {
      return new SlaPolicy(name, channel, itemType, firstResponse, resolution, warnAt, warnTo,
          breachTo, onBreach, supervisor, calendar);
    }

    private void once(String option) {
      if (!setOnce.add(option)) {
        throw new IllegalStateException("SLA policy '" + name + "': " + option
            + " was already set");
      }
    }
  }
}
