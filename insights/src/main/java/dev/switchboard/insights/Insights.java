package dev.switchboard.insights;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.OverloadDetected;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.insights.internal.AffinityCost;
import dev.switchboard.insights.internal.LateAnswers;
import dev.switchboard.insights.internal.Outliers;
import dev.switchboard.insights.internal.Overload;
import dev.switchboard.insights.internal.SkillGaps;
import dev.switchboard.insights.internal.Tracker;
import dev.switchboard.insights.internal.Understaffing;
import dev.switchboard.kpi.ClosedInterval;
import dev.switchboard.kpi.LiveKpis;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Insights from a running engine: register it with {@code SwitchboardBuilder.listener(insights)};
 * it feeds its {@link LiveKpis} first (registering those too is harmless: they count each event
 * once). When an interval of the KPIs
 * closes it runs its rules over that interval and publishes what they find to its listeners and
 * to {@link #current()}; the engine's own overload assessments become insights as they arrive.
 *
 * <p>Built-in rules: {@code understaffing} (a queue missed its target: the agents its work needs
 * by Erlang C, checked by simulation), {@code skill-gap} (it missed its target while idle agents
 * lack one of its skills: whom to cross-skill), {@code late-answers} (waiting items that will be
 * answered after their deadline in the next interval at the queue's rate), {@code outliers}
 * (agents whose handle time or reopen rate stands out from their peers') and {@code
 * affinity-cost} (waiting for customers' own agents made answers late: the cap on that wait that
 * keeps most of the affinity); hosts add their own with {@link Builder#rule}. Every rule is defined in {@code docs/insights.md}.
 *
 * <p>Threading: rules run on the thread that delivers events (never the engine loop), after the
 * KPIs have counted the event that closed the interval; a what-if check simulates one interval of
 * work a few dozen times, milliseconds to a second. Queries may come from any thread and return
 * immutable values. A rule that throws is logged and skipped; the others still run.
 *
 * @since 0.2
 */
public final class Insights implements RoutingEventListener {

  private static final Logger log = LoggerFactory.getLogger(Insights.class);

  private final LiveKpis kpis;
  private final List<InsightRule> rules;
  private final List<InsightListener> listeners;
  private final Optional<WhatIf> whatIf;
  private final int minimumSample;
  private final int historyKept;
  private final Object lock = new Object();
  private final Tracker tracker = new Tracker();
  private final Deque<Insight> history = new ArrayDeque<>();
  private List<Insight> current = List.of();
  private ClosedInterval latest;
  private Instant lastEvent;

  private Insights(Builder b) {
    this.kpis = b.kpis;
    this.rules = List.copyOf(b.rules.values());
    this.listeners = List.copyOf(b.listeners);
    this.whatIf = Optional.ofNullable(b.whatIf);
    this.minimumSample = b.minimumSample;
    this.historyKept = b.historyKept;
  }

  /** Starts configuring insights over these live KPIs, which the insights will feed. */
  public static Builder builder(LiveKpis kpis) {
    return new Builder(kpis);
  }

  /** Counts the event in the KPIs, then runs the rules if it closed an interval. */
  @Override
  public void onEvent(RoutingEvent event) {
    Objects.requireNonNull(event, "event");
    kpis.onEvent(event);
    List<Insight> found = new ArrayList<>();
    synchronized (lock) {
      ClosedInterval closed = kpis.latestClosed().orElse(null);
      if (closed != null && closed != latest) {
        latest = closed;
        intervalOf(lastEvent).ifPresent(c -> found.addAll(evaluate(c)));
        current = List.copyOf(found);
        tracker.startInterval();
      }
      tracker.accept(event);
      if (event instanceof OverloadDetected o) {
        Insight insight = Overload.of(o.insight());
        found.add(insight);
        List<Insight> now = new ArrayList<>(current);
        now.add(insight);
        current = List.copyOf(now);
      }
      for (Insight i : found) {
        history.addLast(i);
        if (history.size() > historyKept) {
          history.removeFirst();
        }
      }
      Instant at = countedAt(event.at());
      lastEvent = lastEvent == null || at.isAfter(lastEvent) ? at : lastEvent;
    }
    for (Insight i : found) {
      for (InsightListener l : listeners) {
        try {
          l.onInsight(i);
        } catch (RuntimeException e) {
          log.warn("insight listener {} failed on {}", l, i.rule(), e);
        }
      }
    }
  }

  /**
   * The insights of the latest closed interval, with overloads reported since it closed; empty
   * before an interval closes or when all was well.
   */
  public List<Insight> current() {
    synchronized (lock) {
      return current;
    }
  }

  /** Insights found so far, oldest first, at most the configured number kept. */
  public List<Insight> history() {
    synchronized (lock) {
      return List.copyOf(history);
    }
  }

  /** The live KPIs these insights read (and feed). */
  public LiveKpis kpis() {
    return kpis;
  }

  /** The what-if runner, if one was configured. */
  public Optional<WhatIf> whatIf() {
    return whatIf;
  }

  /**
   * When the KPIs count an event: at its instant, or, with business hours, at the next opening
   * when it came while closed.
   */
  private Instant countedAt(Instant at) {
    return kpis.calendar().filter(c -> !c.isOpen(at)).flatMap(c -> c.nextOpening(at))
        .orElse(at);
  }

  /**
   * The closed interval that holds the arrivals counted so far: the one the last event before
   * the closing one fell in. Empty when that interval is no longer kept or nothing came before.
   */
  private Optional<ClosedInterval> intervalOf(Instant at) {
    if (at == null) {
      return Optional.empty();
    }
    if (!at.isBefore(latest.start()) && at.isBefore(latest.end())) {
      return Optional.of(latest);
    }
    return kpis.closedIntervals().stream()
        .filter(c -> !at.isBefore(c.start()) && at.isBefore(c.end())).findFirst();
  }

  private List<Insight> evaluate(ClosedInterval interval) {
    InsightContext context = new InsightContext(interval, kpis, tracker.agents(),
        tracker.presence(), tracker.work(), tracker.answered(), whatIf, minimumSample);
    List<Insight> out = new ArrayList<>();
    for (InsightRule rule : rules) {
      try {
        out.addAll(rule.evaluate(context));
      } catch (RuntimeException e) {
        log.warn("insight rule {} failed on the interval from {}", rule.name(),
            interval.start(), e);
      }
    }
    return out;
  }

  /**
   * Configures {@link Insights}. The built-in rules are on unless {@link #withoutBuiltInRules()}
   * is called; what-if checks run only when {@link #whatIf} is given.
   */
  public static final class Builder {
    private final LiveKpis kpis;
    private final Map<String, InsightRule> rules = new LinkedHashMap<>();
    private final List<InsightListener> listeners = new ArrayList<>();
    private WhatIf whatIf;
    private int minimumSample = 20;
    private int historyKept = 1_000;

    private Builder(LiveKpis kpis) {
      this.kpis = Objects.requireNonNull(kpis, "kpis");
      rule(new Understaffing());
      rule(new SkillGaps());
      rule(new LateAnswers());
      rule(new Outliers());
      rule(new AffinityCost());
    }

    /** Adds a rule; rule names must differ. */
    public Builder rule(InsightRule rule) {
      Objects.requireNonNull(rule, "rule");
      String name = Objects.requireNonNull(rule.name(), "rule name");
      if (rules.putIfAbsent(name, rule) != null) {
        throw new IllegalArgumentException("a rule named '" + name + "' is already added");
      }
      return this;
    }

    /** Drops the built-in rules, keeping only those added with {@link #rule}. */
    public Builder withoutBuiltInRules() {
      rules.remove("understaffing");
      rules.remove("skill-gap");
      rules.remove("late-answers");
      rules.remove("outliers");
      rules.remove("affinity-cost");
      return this;
    }

    /** Adds a listener that hears each insight as it is found. */
    public Builder listener(InsightListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Checks staffing insights by simulating the measured work on the engine. */
    public Builder whatIf(WhatIf runner) {
      this.whatIf = Objects.requireNonNull(runner, "whatIf");
      return this;
    }

    /**
     * The fewest answered or abandoned items in an interval on which a rule judges a queue or an
     * agent, 1 to 1,000,000; 20 by default. Smaller samples are noise, not evidence.
     */
    public Builder minimumSample(int items) {
      if (items < 1 || items > 1_000_000) {
        throw new IllegalArgumentException("minimumSample is " + items
            + "; allowed: 1 to 1000000");
      }
      this.minimumSample = items;
      return this;
    }

    /** Insights kept for {@link #history()}, 1 to 1,000,000; 1,000 by default. */
    public Builder historyKept(int insights) {
      if (insights < 1 || insights > 1_000_000) {
        throw new IllegalArgumentException("historyKept is " + insights
            + "; allowed: 1 to 1000000");
      }
      this.historyKept = insights;
      return this;
    }

    /** Builds the insights, empty until an interval closes. */
    public Insights build() {
      return new Insights(this);
    }
  }
}
