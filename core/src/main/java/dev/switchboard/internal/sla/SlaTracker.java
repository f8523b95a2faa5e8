package dev.switchboard.internal.sla;

import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.WorkItem;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent.AlertRaised;
import dev.switchboard.event.RoutingEvent.SlaBreached;
import dev.switchboard.event.RoutingEvent.SlaEscalated;
import dev.switchboard.event.RoutingEvent.SlaPaused;
import dev.switchboard.event.RoutingEvent.SlaResumed;
import dev.switchboard.event.RoutingEvent.SlaWarning;
import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.EngineActions;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.image.StateImage;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.internal.timer.Timer;
import dev.switchboard.sla.Alert;
import dev.switchboard.sla.AlertLevel;
import dev.switchboard.sla.AlertRecipient;
import dev.switchboard.sla.SlaClock;
import dev.switchboard.sla.SlaEscalation;
import dev.switchboard.sla.SlaPolicy;
import dev.switchboard.sla.SlaReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs every item's SLA clocks on the engine loop: picks the policy, schedules warnings and
 * breaches, raises alerts, escalates, knows which work is at risk (for campaign blending) and
 * counts attainment. The engine tells it when an item is admitted, taken, completed and retired;
 * the first-response breach timer is the engine's own {@code SLA} timer.
 */
public final class SlaTracker {

  private final List<SlaPolicy> policies;
  private final EngineActions engine;
  /** Items with a clock that warned or breached and still runs, in the order they got there. */
  private final Set<LiveItem> atRisk = new LinkedHashSet<>();
  private final Attainment byAgent = new Attainment();
  private final Attainment byQueue = new Attainment();
  private final Attainment byChannel = new Attainment();
  private final Timer.Action<LiveItem> firstResponseBreach = new Timer.Action<>(Timer.Kind.SLA,
      it -> breached(it, SlaClock.FIRST_RESPONSE), LiveItem::id);
  private final Timer.Action<LiveItem> firstResponseWarning = new Timer.Action<>(
      Timer.Kind.SLA_WARNING, it -> warned(it, SlaClock.FIRST_RESPONSE), LiveItem::id);
  private final Timer.Action<LiveItem> resolutionWarning = new Timer.Action<>(
      Timer.Kind.RESOLUTION_WARNING, it -> warned(it, SlaClock.RESOLUTION), LiveItem::id);
  private final Timer.Action<LiveItem> resolutionBreach = new Timer.Action<>(
      Timer.Kind.RESOLUTION, it -> breached(it, SlaClock.RESOLUTION), LiveItem::id);

  /** A tracker of the policies (most specific first once sorted here) acting through the engine. */
  public SlaTracker(List<SlaPolicy> policies, EngineActions engine) {
    List<SlaPolicy> sorted = new ArrayList<>(policies);
    // stable: among equally specific policies (whose scopes differ), registration order
    sorted.sort(Comparator.comparingInt(SlaPolicy::specificity).reversed());
    this.policies = List.copyOf(sorted);
    this.engine = engine;
  }

  /** What an item's first-response breach timer (the engine's {@code SLA} timer) does. */
  public Timer.Action<LiveItem> firstResponseBreach() {
    return firstResponseBreach;
  }

  private Timer.Action<LiveItem> warning(SlaClock clock) {
    return clock == SlaClock.FIRST_RESPONSE ? firstResponseWarning : resolutionWarning;
  }

  /** The policy that applies to the item, or null. */
  SlaPolicy policyFor(WorkItem item) {
    if (policies.isEmpty()) {
      return null;
    }
    Object type = item.attributes().get(SlaPolicy.ITEM_TYPE_ATTRIBUTE);
    for (SlaPolicy p : policies) {
      if (p.channel().map(c -> c.equals(item.channel())).orElse(true)
          && p.itemType().map(t -> t.equals(type)).orElse(true)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The item's first-response deadline in epoch nanoseconds: its own target if it has one, else
   * its policy's; {@link Long#MAX_VALUE} when none.
   */
  public long firstResponseDeadline(WorkItem item, long createdAt) {
    if (item.slaDeadline().isPresent()) {
      return Nanos.of(item.slaDeadline().get());
    }
    SlaPolicy p = policyFor(item);
    return p == null ? Long.MAX_VALUE : deadline(createdAt, p.firstResponse(), BusinessTime.calendar(p));
  }

  /** A new inbound item: starts its clocks. Its first-response breach timer is the engine's. */
  public void admitted(LiveItem it) {
    SlaPolicy p = policyFor(it.item());
    long resolution = p == null ? Long.MAX_VALUE
        : deadline(it.createdAt(), p.resolution(), BusinessTime.calendar(p));
    if (p == null && it.slaDeadline() == Long.MAX_VALUE) {
      return;
    }
    Clocks c = Clocks.of(p, it.slaDeadline(), resolution);
    it.slaData = c;
    if (p == null) {
      return;
    }
    for (SlaClock clock : SlaClock.values()) {
      long warn = warnAt(it.createdAt(), c.deadline(clock), p.warnAt(), BusinessTime.calendar(p));
      if (warn != Long.MAX_VALUE) {
        engine.timers().schedule(c.warnTimer(clock, it, warning(clock)), warn);
      }
    }
    if (resolution != Long.MAX_VALUE) {
      engine.timers().schedule(((Clocks.WithPolicy) c).newResolutionTimer(it, resolutionBreach),
          resolution);
    }
  }

  // ---------------------------------------------------------------- state images (journal)

  /** The tracker's own state as values (items' clocks are in their item images). */
  public StateImage.SlaImage exportImage() {
    return new StateImage.SlaImage(atRisk.stream().map(LiveItem::id).toList(), byAgent.image(),
        byQueue.image(), byChannel.image());
  }

  /** Sets a fresh tracker to the image, once the items' clocks are restored. */
  public void restoreImage(StateImage.SlaImage image,
      java.util.function.Function<String, LiveItem> items) {
    image.atRisk().forEach(id -> atRisk.add(items.apply(id)));
    byAgent.restore(image.byAgent());
    byQueue.restore(image.byQueue());
    byChannel.restore(image.byChannel());
  }

  /** The item's clocks as values, or null when it has none. */
  public static StateImage.ClocksImage clocksImage(LiveItem it) {
    return it.slaData == null ? null : ((Clocks) it.slaData).image();
  }

  /** Gives a restored item its clocks (unscheduled), under the policy that applies to it. */
  public void restoreClocks(LiveItem it, StateImage.ClocksImage image) {
    if (image != null) {
      it.slaData = Clocks.of(policyFor(it.item()), image, it, resolutionBreach);
    }
  }

  /** Adds the item's scheduled SLA timers (warnings, resolution) to {@code out}. */
  public static void timers(LiveItem it, List<Timer<?>> out) {
    if (it.slaData != null) {
      ((Clocks) it.slaData).scheduled(out);
    }
  }

  /** The item's SLA timer of the kind (a warning or the resolution breach), to reschedule. */
  public Timer<LiveItem> timer(LiveItem it, Timer.Kind kind) {
    Clocks c = (Clocks) it.slaData;
    return switch (kind) {
      case SLA_WARNING -> c.warnTimer(SlaClock.FIRST_RESPONSE, it, firstResponseWarning);
      case RESOLUTION_WARNING -> c.warnTimer(SlaClock.RESOLUTION, it, resolutionWarning);
      case RESOLUTION -> c.resolutionTimer();
      default -> throw new IllegalArgumentException("not an SLA tracker timer: " + kind);
    };
  }

  /** An agent took the item: the first-response clock stops, met unless it had breached. */
  public void answered(LiveItem it) {
    stop(it, SlaClock.FIRST_RESPONSE);
  }

  /** An agent completed the item: the resolution clock stops, met unless it had breached. */
  public void resolved(LiveItem it) {
    stop(it, SlaClock.RESOLUTION);
  }

  private void stop(LiveItem it, SlaClock clock) {
    Clocks c = (Clocks) it.slaData;
    if (c == null || !c.running(clock)) {
      return;
    }
    c.stop(clock);
    engine.timers().cancel(c.existingWarnTimer(clock));
    if (clock == SlaClock.RESOLUTION) {
      engine.timers().cancel(c.resolutionTimer());
    }
    if (!c.breached(clock)) {
      count(it, clock, true, it.agent() == null ? null : it.agent().id());
    }
    updateRisk(it, c);
  }

  /**
   * The agent waits for the customer: the resolution clock stands still (its timers are taken
   * off) until {@link #customerWrote}. Does nothing when the item has no running, unpaused
   * resolution clock.
   */
  public void awaitingCustomer(LiveItem it) {
    Clocks c = (Clocks) it.slaData;
    if (c == null || !c.running(SlaClock.RESOLUTION) || c.paused()) {
      return;
    }
    c.pause(engine.now());
    engine.timers().cancel(c.existingWarnTimer(SlaClock.RESOLUTION));
    engine.timers().cancel(c.resolutionTimer());
    engine.emit(new SlaPaused(engine.nextSequence(), engine.nowInstant(), it.id(),
        SlaClock.RESOLUTION));
    updateRisk(it, c);
  }

  /** The customer wrote again on the item: a paused resolution clock runs again. */
  public void customerWrote(LiveItem it) {
    Clocks c = (Clocks) it.slaData;
    if (c == null || !c.paused()) {
      return;
    }
    long warnAt = c.resume(engine.now());
    if (warnAt >= 0) {
      engine.timers().schedule(c.warnTimer(SlaClock.RESOLUTION, it, resolutionWarning), warnAt);
    }
    if (!c.breached(SlaClock.RESOLUTION)) {
      engine.timers().schedule(c.resolutionTimer(), c.deadline(SlaClock.RESOLUTION));
    }
    engine.emit(new SlaResumed(engine.nextSequence(), engine.nowInstant(), it.id(),
        SlaClock.RESOLUTION, Nanos.instant(c.deadline(SlaClock.RESOLUTION))));
    updateRisk(it, c);
  }

  /** The item ended: its clocks stop without counting, its timers go. */
  public void retired(LiveItem it) {
    Clocks c = (Clocks) it.slaData;
    if (c == null) {
      return;
    }
    for (SlaClock clock : SlaClock.values()) {
      c.stop(clock);
      engine.timers().cancel(c.existingWarnTimer(clock));
    }
    engine.timers().cancel(c.resolutionTimer());
    updateRisk(it, c);
  }

  /** A warning timer fired. */
  private void warned(LiveItem it, SlaClock clock) {
    Clocks c = (Clocks) it.slaData;
    c.markWarned(clock);
    engine.emit(new SlaWarning(engine.nextSequence(), engine.nowInstant(), it.id(), it.state(),
        clock, Nanos.instant(c.deadline(clock))));
    updateRisk(it, c);
    alert(it, c, clock, AlertLevel.WARNING, c.policy().warnTo());
  }

  /** A breach timer fired (the engine's first-response timer, or the resolution timer). */
  private void breached(LiveItem it, SlaClock clock) {
    Clocks c = (Clocks) it.slaData;
    engine.emit(new SlaBreached(engine.nextSequence(), engine.nowInstant(), it.id(), it.state(),
        clock));
    c.markBreached(clock);
    count(it, clock, false, concernedAgent(it));
    updateRisk(it, c);
    if (c.policy() == null) {
      return;
    }
    alert(it, c, clock, AlertLevel.BREACH, c.policy().breachTo());
    for (SlaEscalation action : c.policy().onBreach()) {
      if (!it.state().isFinal() && apply(it, action)) {
        engine.emit(new SlaEscalated(engine.nextSequence(), engine.nowInstant(), it.id(), clock,
            action, it.priority()));
      }
    }
  }

  private boolean apply(LiveItem it, SlaEscalation action) {
    if (action instanceof SlaEscalation.RaisePriority r) {
      return engine.raisePriority(it, r.by());
    } else if (action instanceof SlaEscalation.Reassign r) {
      return it.state() != ItemState.WRAPPING_UP && engine.reassign(it, r.target());
    }
    return engine.widen(it, "SLA breached");
  }

  /**
   * True when inbound work the agent holds, or waiting work it could take, has a clock that
   * warned or breached and still runs: campaign work must wait.
   */
  public boolean inboundAtRisk(LiveAgent agent) {
    for (LiveItem it : atRisk) {
      if (it.agent() == agent) {
        return true;
      }
      if (it.state() == ItemState.QUEUED && (agent.id().equals(it.pinnedAgent())
          || (it.pinnedAgent() == null && agent.meets(it.eligibility())))) {
        return true;
      }
    }
    return false;
  }

  /** Attainment so far. */
  public SlaReport report() {
    return new SlaReport(engine.nowInstant(), byAgent.report(), byQueue.report(),
        byChannel.report());
  }

  private void updateRisk(LiveItem it, Clocks c) {
    if (c.atRisk() && !it.state().isFinal()) {
      atRisk.add(it);
    } else if (atRisk.remove(it)) {
      engine.blendingMayResume();
    }
  }

  private void count(LiveItem it, SlaClock clock, boolean met, String agentId) {
    byAgent.count(agentId, clock, met);
    byQueue.count(it.queue(), clock, met);
    byChannel.count(it.item().channel().id(), clock, met);
  }

  /**
   * The agent the item concerns: its holder, else the one agent it waits for (transferred to it,
   * or the customer's own agent at an own-agent step); null if neither.
   */
  private static String concernedAgent(LiveItem it) {
    if (it.agent() != null) {
      return it.agent().id();
    }
    if (it.pinnedAgent() != null) {
      return it.pinnedAgent();
    }
    Eligibility e = it.eligibility();
    return e != null && e.personal() && e.agents().size() == 1 ? e.agents().iterator().next()
        : null;
  }

  private void alert(LiveItem it, Clocks c, SlaClock clock, AlertLevel level,
      Set<AlertRecipient> recipients) {
    if (recipients.isEmpty()) {
      return;
    }
    Optional<String> agentId = Optional.ofNullable(concernedAgent(it));
    LiveAgent agent = agentId.map(engine.view()::findAgent).orElse(null);
    Optional<String> supervisor = Optional.ofNullable(agent).flatMap(a -> a.definition()
        .supervisor()).or(c.policy()::supervisor);
    WorkItem item = it.item();
    Channel channel = item.channel();
    for (AlertRecipient r : AlertRecipient.values()) {
      if (recipients.contains(r)) {
        Alert alert = new Alert(level, clock, it.id(), channel, item.customerId(), c.policy().name(),
            Nanos.instant(c.deadline(clock)), engine.nowInstant(), r,
            r == AlertRecipient.AGENT ? agentId : supervisor, agentId);
        engine.emit(new AlertRaised(engine.nextSequence(), engine.nowInstant(), alert));
      }
    }
  }

  private static long deadline(long createdAt, Optional<Duration> target,
      BusinessCalendar calendar) {
    if (target.isEmpty()) {
      return Long.MAX_VALUE;
    }
    return BusinessTime.after(calendar, createdAt, Nanos.of(target.get()));
  }

  /** The fraction of the running time from creation to the deadline, on the calendar if any. */
  private static long warnAt(long createdAt, long deadline, double fraction,
      BusinessCalendar calendar) {
    if (deadline == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    double span = (double) BusinessTime.between(calendar, createdAt, deadline);
    long r = BusinessTime.after(calendar, createdAt, (long) Math.floor(span * fraction));
    return r > deadline ? deadline : r;
  }
}
