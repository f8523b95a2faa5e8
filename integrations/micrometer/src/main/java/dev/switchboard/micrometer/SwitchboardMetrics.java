package dev.switchboard.micrometer;

import dev.switchboard.Switchboard;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.micrometer.internal.Registrar;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Switchboard's meters for Micrometer: the engine's health (listener failures, dropped events,
 * live items by queue and state, agents by presence, each channel adapter's status and message
 * counts) and, when given the engine's {@link LiveKpis}, the live KPIs of the current interval and
 * of the day per queue and channel. Bind it to the host's registry:
 *
 * <pre>{@code
 * SwitchboardMetrics.builder(engine).kpis(liveKpis).build().bindTo(registry);
 * }</pre>
 *
 * <p>Names follow Micrometer's conventions (dot-separated, lower case, base units: seconds,
 * ratios from 0 to 1, items, messages); tags are few and bounded: {@code queue}, {@code channel},
 * {@code adapter}, {@code state}, {@code presence}, {@code status}, {@code period}. Items and
 * customers never become tags. Every meter is listed in {@code docs/insights.md}.
 *
 * <p>Meters appear as the engine shows their keys: a queue's meters once an item has been in it
 * or the KPIs counted it, an adapter's once the first reading lists it. Before the engine first
 * answers, gauges read NaN and counters zero.
 *
 * <p>Cost and threading: every gauge reads one cached reading (the engine's {@link
 * Switchboard#snapshot() snapshot}, its adapters' status and a copy of the live KPIs). The
 * reading is refreshed at most once per {@linkplain Builder#cacheFor cache period}, so a scrape
 * of many meters costs the engine loop one snapshot, proportional to its agents and live items.
 * A read that finds the reading expired asks the engine and waits for the answer at most {@link
 * Builder#waitAtMost}, once per request; after that every read serves the previous reading at once
 * and counts a stale read, and no second request is sent while one is outstanding. The engine loop
 * itself never waits for the binder. With a {@code ManualSwitchboard}, the answer comes when the
 * engine is stepped: call {@link #refresh()}, step the engine, then read.
 *
 * <p>Thread-safe: bind it to any number of registries, from any thread.
 *
 * @since 0.2
 */
public final class SwitchboardMetrics implements MeterBinder {

  private final Registrar registrar;

  private SwitchboardMetrics(Builder b) {
    this.registrar = new Registrar(b.engine, Optional.ofNullable(b.kpis), b.dimensions, b.clock,
        b.cacheFor, b.waitAtMost);
  }

  /**
   * Starts configuring the meters of an engine.
   *
   * @throws NullPointerException when {@code engine} is null
   */
  public static Builder builder(Switchboard engine) {
    return new Builder(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * Registers the meters in the registry: the fixed ones now, those of queues, channels and
   * adapters as readings show them. Does not wait for the engine.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    registrar.bindTo(Objects.requireNonNull(registry, "registry"));
  }

  /**
   * Asks the engine for a fresh reading now, unless a request is outstanding. The stage completes
   * once the reading is cached and the meters of keys it shows for the first time are registered;
   * it fails when the engine refuses the request (it is closed, for one).
   */
  public CompletionStage<Void> refresh() {
    return registrar.refresh();
  }

  /**
   * Configures {@link SwitchboardMetrics}. Each option may be set once; bad values are refused
   * when set, with a message that says what is allowed.
   */
  public static final class Builder {
    private static final Duration MAX = Duration.ofMinutes(10);

    private final Switchboard engine;
    private LiveKpis kpis;
    private Set<Dimension> dimensions;
    private Duration cacheFor;
    private Duration waitAtMost;
    private Clock clock;

    private Builder(Switchboard engine) {
      this.engine = engine;
    }

    /** The engine's live KPIs (registered as one of its listeners); none by default. */
    public Builder kpis(LiveKpis liveKpis) {
      once("kpis", kpis);
      kpis = Objects.requireNonNull(liveKpis, "kpis");
      return this;
    }

    /**
     * The KPI dimensions to expose; {@code ALL}, {@code QUEUE} and {@code CHANNEL} by default.
     * {@code TEAM} and {@code AGENT} add a series set per team or agent: bounded by the staff,
     * but on a large centre thousands of series, so they are off unless the host asks.
     */
    public Builder dimensions(Dimension first, Dimension... more) {
      once("dimensions", dimensions);
      EnumSet<Dimension> set = EnumSet.of(Objects.requireNonNull(first, "dimensions"));
      for (Dimension d : more) {
        set.add(Objects.requireNonNull(d, "dimensions"));
      }
      dimensions = set;
      return this;
    }

    /** How long a reading serves every meter before the engine is asked again; 1 second. */
    public Builder cacheFor(Duration period) {
      once("cacheFor", cacheFor);
      cacheFor = positive("cacheFor", period);
      return this;
    }

    /**
     * How long a read waits for the engine's answer before serving the previous reading; 1
     * second. Zero never waits: the answer serves the reads after it arrives.
     */
    public Builder waitAtMost(Duration wait) {
      once("waitAtMost", waitAtMost);
      Objects.requireNonNull(wait, "waitAtMost");
      if (wait.isNegative() || wait.compareTo(MAX) > 0) {
        throw new IllegalArgumentException("waitAtMost is " + wait + "; allowed: 0 to " + MAX);
      }
      waitAtMost = wait;
      return this;
    }

    /** The clock timing the cache (its monotonic time only); {@link Clock#SYSTEM} by default. */
    public Builder clock(Clock cacheClock) {
      once("clock", clock);
      clock = Objects.requireNonNull(cacheClock, "clock");
      return this;
    }

    /**
     * Builds the binder.
     *
     * @throws IllegalStateException when {@link #dimensions} is set without {@link #kpis}
     */
    public SwitchboardMetrics build() {
      if (dimensions != null && kpis == null) {
        throw new IllegalStateException("dimensions " + dimensions + " are set but kpis is not;"
            + " KPI dimensions need the engine's LiveKpis");
      }
      if (dimensions == null) {
        dimensions = EnumSet.of(Dimension.ALL, Dimension.QUEUE, Dimension.CHANNEL);
      }
      cacheFor = cacheFor != null ? cacheFor : Duration.ofSeconds(1);
      waitAtMost = waitAtMost != null ? waitAtMost : Duration.ofSeconds(1);
      clock = clock != null ? clock : Clock.SYSTEM;
      return new SwitchboardMetrics(this);
    }

    private static Duration positive(String option, Duration d) {
      Objects.requireNonNull(d, option);
      if (d.isNegative() || d.isZero() || d.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(option + " is " + d + "; allowed: above 0 up to "
            + MAX);
      }
      return d;
    }

    private static void once(String option, Object current) {
      if (current != null) {
        throw new IllegalStateException(option + " is already set to " + current
            + "; each option may be set once");
      }
    }
  }
}
