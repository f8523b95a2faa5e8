package dev.switchboard.kpi;

import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.kpi.internal.Aggregator;
import dev.switchboard.kpi.internal.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Live KPIs of a running engine: register it with {@code SwitchboardBuilder.listener(kpis)} and
 * query it from any thread. It counts what the events say per queue, channel, team and agent, in
 * fixed intervals aligned to the day's start and for the day so far, and keeps a bounded amount of
 * state: the configured number of closed intervals, an entry per live item (dropped when the item
 * ends), per agent (dropped when the agent is removed) and per recently resolved conversation (at
 * most the configured number).
 *
 * <p>Threading: {@link #onEvent} runs on the listener's own thread (in the manual engine, on the
 * thread that steps it), never on the engine loop. It and the queries share one lock, held for one
 * event or one copy; every query returns immutable values.
 *
 * <p>Time: only the events' engine time counts, never the wall clock, so the KPIs are the same on
 * a {@code ManualClock}, in simulation and in production. An interval closes when the first event
 * of a later interval arrives. Work submitted before the listener heard of it (before it was
 * registered, or events lost to a full listener queue) is not counted. Every figure is defined in
 * {@code docs/insights.md}.
 *
 * <p>Business hours: given a {@link Builder#calendar calendar}, the KPIs are per open hour. What
 * happens while it is closed (work arriving, held, abandoned) is counted in the interval and day
 * of its next opening, agents' staffed and busy time count only while open, and an interval with
 * no open time is not reported at all, rather than as an interval with no service. An item held
 * after hours waits from its creation: its held time is in its speed of answer, and also in the
 * figures' {@code heldTime}.
 *
 * @since 0.2
 */
public final class LiveKpis implements RoutingEventListener {

  private final Settings settings;
  private final Aggregator aggregator;

  private LiveKpis(Settings settings) {
    this.settings = settings;
    this.aggregator = new Aggregator(settings);
  }

  /** Starts configuring live KPIs; every option has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Counts one event. Called by the engine, in sequence order; cheap and non-blocking. An event
   * whose sequence is not above the highest seen is ignored as counted already, so registering
   * the KPIs twice (directly and through an insights listener that feeds them) counts each
   * event once.
   */
  @Override
  public void onEvent(RoutingEvent event) {
    aggregator.accept(Objects.requireNonNull(event, "event"));
  }

  /**
   * The current interval, the day so far and each queue's backlog, as of {@code at}: agents' time
   * since their last event and the ages of waiting items run up to {@code at} (or up to the latest
   * event, if that is later). The current interval is the one of the latest event; its open time
   * stops at its end even when {@code at} lies beyond it.
   */
  public KpiSnapshot snapshot(Instant at) {
    return aggregator.snapshot(Objects.requireNonNull(at, "at"));
  }

  /** The key's kept intervals, oldest first, the current one last; zeros where nothing counted. */
  public List<IntervalKpis> intervals(Dimension dimension, String key) {
    return aggregator.intervals(Objects.requireNonNull(dimension, "dimension"),
        Objects.requireNonNull(key, "key"));
  }

  /** The key's figures for the day so far, as of the latest event; empty if none counted. */
  public Optional<IntervalKpis> today(Dimension dimension, String key) {
    return aggregator.snapshot(Instant.MIN).today(dimension, key);
  }

  /**
   * The latest interval that closed, with every key's figures; empty before the first one closes.
   * Cheap: closed intervals are kept as immutable values, so this copies nothing.
   */
  public Optional<ClosedInterval> latestClosed() {
    return aggregator.latestClosed();
  }

  /**
   * The items waiting in the queue now (queued or offered, held by no agent), oldest first;
   * campaign work excluded. Copies one entry per waiting item of the queue.
   */
  public List<WaitingItem> waiting(String queue) {
    return aggregator.waiting(Objects.requireNonNull(queue, "queue"));
  }

  /** The closed intervals kept, oldest first, each with every key's figures. */
  public List<ClosedInterval> closedIntervals() {
    return aggregator.closedIntervals();
  }

  /** Where days begin: the zone the intervals and days are aligned to. */
  public ZoneId zone() {
    return settings.zone();
  }

  /** The business calendar the KPIs are per, if one was given. */
  public Optional<BusinessCalendar> calendar() {
    return Optional.ofNullable(settings.hours());
  }

  /** The length of an interval. */
  public Duration interval() {
    return settings.interval();
  }

  /** The service-level target the queue is measured against: its own, or the default. */
  public ServiceTarget serviceTarget(String queue) {
    return settings.target(Objects.requireNonNull(queue, "queue"));
  }

  /** How much state is held: live items, agents, remembered conversations, kept intervals. */
  public KpiFootprint footprint() {
    return aggregator.footprint();
  }

  /**
   * Configures {@link LiveKpis}. Each option may be set once (and each queue's target once); bad
   * values are refused when set, with a message that says what is allowed.
   */
  public static final class Builder {
    private static final Duration DAY = Duration.ofDays(1);
    private static final int MAX_INTERVALS = 100_000;
    private static final int MAX_CONVERSATIONS = 10_000_000;

    private Duration interval;
    private ZoneId zone;
    private Integer intervalsKept;
    private ServiceTarget defaultTarget;
    private Duration reopenWindow;
    private Integer conversationsKept;
    private BusinessCalendar hours;
    private final Map<String, ServiceTarget> targets = new LinkedHashMap<>();

    private Builder() {}

    /** Length of an interval, dividing a day into whole intervals; 15 minutes by default. */
    public Builder interval(Duration length) {
      once("interval", interval);
      Objects.requireNonNull(length, "interval");
      if (length.isNegative() || length.isZero() || length.compareTo(DAY) > 0
          || DAY.toNanos() % length.toNanos() != 0) {
        throw new IllegalArgumentException("interval " + length + " is not allowed: it must divide"
            + " a day into whole intervals (e.g. PT5M, PT15M, PT30M, PT1H, P1D)");
      }
      interval = length;
      return this;
    }

    /** Where days begin (at midnight); UTC by default. */
    public Builder zone(ZoneId zoneId) {
      once("zone", zone);
      zone = Objects.requireNonNull(zoneId, "zone");
      return this;
    }

    /** Closed intervals kept for queries, the oldest dropped first; 96 (a day of 15 minutes). */
    public Builder intervalsKept(int intervals) {
      once("intervalsKept", intervalsKept);
      if (intervals < 1 || intervals > MAX_INTERVALS) {
        throw new IllegalArgumentException("intervalsKept is " + intervals + "; allowed: 1 to "
            + MAX_INTERVALS);
      }
      intervalsKept = intervals;
      return this;
    }

    /**
     * The queue's service-level target: the share of its items that should be answered within
     * {@code threshold} of their creation.
     */
    public Builder serviceTarget(String queue, Duration threshold, double target) {
      Objects.requireNonNull(queue, "queue");
      if (queue.isBlank()) {
        throw new IllegalArgumentException("serviceTarget needs a queue name; got a blank one");
      }
      if (targets.containsKey(queue)) {
        throw new IllegalStateException("serviceTarget for queue " + queue + " is already set to "
            + targets.get(queue) + "; each queue's target may be set once");
      }
      targets.put(queue, new ServiceTarget(threshold, target));
      return this;
    }

    /** The target of queues with none of their own; {@link ServiceTarget#DEFAULT} by default. */
    public Builder defaultServiceTarget(Duration threshold, double target) {
      once("defaultServiceTarget", defaultTarget);
      defaultTarget = new ServiceTarget(threshold, target);
      return this;
    }

    /**
     * How long after an item of a conversation was resolved a new item in the same conversation
     * counts as a reopening; 7 days by default.
     */
    public Builder reopenWindow(Duration window) {
      once("reopenWindow", reopenWindow);
      Objects.requireNonNull(window, "reopenWindow");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("reopenWindow is " + window + "; it must be positive");
      }
      reopenWindow = window;
      return this;
    }

    /**
     * Resolved conversations remembered to spot reopenings, at most; the oldest resolution is
     * forgotten first. 100,000 by default.
     */
    public Builder conversationsKept(int conversations) {
      once("conversationsKept", conversationsKept);
      if (conversations < 1 || conversations > MAX_CONVERSATIONS) {
        throw new IllegalArgumentException("conversationsKept is " + conversations
            + "; allowed: 1 to " + MAX_CONVERSATIONS);
      }
      conversationsKept = conversations;
      return this;
    }

    /**
     * The business calendar whose open hours the KPIs are per (see the class description);
     * around the clock by default. Usually the calendar the queues keep hours by.
     *
     * @param calendar the open hours
     * @return this builder
     * @since 0.6
     */
    public Builder calendar(BusinessCalendar calendar) {
      once("calendar", hours == null ? null : hours.name());
      hours = Objects.requireNonNull(calendar, "calendar");
      return this;
    }

    /** Builds the live KPIs, empty until the first event. */
    public LiveKpis build() {
      return new LiveKpis(new Settings(
          interval != null ? interval : Duration.ofMinutes(15),
          zone != null ? zone : ZoneOffset.UTC,
          intervalsKept != null ? intervalsKept : 96,
          targets,
          defaultTarget != null ? defaultTarget : ServiceTarget.DEFAULT,
          reopenWindow != null ? reopenWindow : Duration.ofDays(7),
          conversationsKept != null ? conversationsKept : 100_000,
          hours));
    }

    private static void once(String option, Object current) {
      if (current != null) {
        throw new IllegalStateException(option + " is already set to " + current
            + "; each option may be set once");
      }
    }
  }
}
