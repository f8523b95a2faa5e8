package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.engine.Registry;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.journal.EngineJournal;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.journal.Journal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine without threads: commands queue until the caller steps the loop, timers fire when
 * the caller's clock says so, listeners are called on the stepping thread after each step. With
 * a journal, listeners get an entry's events at the first step after the entry is durable: at
 * once when the journal's stages are complete on return, else at a later step (or at close).
 */
public final class ManualEngine extends AbstractSwitchboard implements ManualSwitchboard {

  /** Guarded by this engine's monitor: {@code send} enqueues under it, {@code step} holds it. */
  private final ArrayDeque<Pending> commands = new ArrayDeque<>();
  /** The latest {@link #nextDeadline()} answer and the epoch nanoseconds it is for. */
  private long lastDeadline = Long.MAX_VALUE;
  private Optional<Instant> lastDeadlineAnswer = Optional.empty();
  private final List<RoutingEvent> buffer = new ArrayList<>();
  /**
   * With a journal, events whose entries are durable, guarded by itself: the journal's writer
   * thread may release them while the loop steps.
   */
  private final List<RoutingEvent> released = new ArrayList<>();
  private final List<RoutingEventListener> listeners;
  private final InstantSource clock;
  private final RoutingEngine engine;
  /** Null without a journal. */
  private final EngineJournal journal;
  private final Completions completions = new Completions(Runnable::run, this::journalFailed);
  private boolean failed;
  private boolean delivering;

  /** A manual engine whose decisions the matcher makes. */
  public ManualEngine(EngineConfig config, Function<EngineView, Matcher> matcher) {
    this(config, matcher, ChannelConfig.NONE, null);
  }

  /** An engine without channel adapters that records what it applies in the journal. */
  public ManualEngine(EngineConfig config, Function<EngineView, Matcher> matcher, Journal journal) {
    this(config, matcher, ChannelConfig.NONE, journal);
  }

  /**
   * A manual engine hosting channel adapters (call {@link #startChannels()} once built) that
   * records what it applies in the journal (none when null), rebuilt first from what the journal
   * holds.
   */
  public ManualEngine(EngineConfig config, Function<EngineView, Matcher> matcher,
      ChannelConfig channelConfig, Journal journal) {
    super(new Registry(config), channelConfig, config.clock(), config.commandQueueCapacity());
    this.clock = config.clock();
    this.listeners = List.copyOf(config.listeners());
    this.journal = journal == null ? null : new EngineJournal(journal, config);
    this.engine = new RoutingEngine(config, matcher,
        this.journal == null ? buffer::add : this.journal.holdEvents(this::addReleased,
            config.replayEvents() ? this::callListeners : null), channelConfig,
        this.journal == null ? channels : this.journal.holdDeliveries(channels));
    try {
      if (this.journal != null) {
        this.journal.recover(engine);
      }
      Loop.start(engine, this.journal, !channelConfig.adapters().isEmpty(), clock.millis());
    } catch (RuntimeException | Error e) {
      if (this.journal != null) {
        this.journal.close();
      }
      throw e;
    }
  }

  @Override
  void enqueue(Pending pending) { // called by send, which holds this engine's monitor
    commands.add(pending);
  }

  @Override
  public synchronized boolean step() {
    if (failed || journalFailure() != null) {
      if (!failed) {
        stopAfterFailure(journalFailure());
      }
      if (journal != null) {
        deliver(); // the events of entries that became durable before the failure
      }
      return false;
    }
    boolean worked;
    try {
      engine.setTime(clock.instant());
      if (engine.nextDeadline() <= engine.now()) {
        engine.fireDueTimers();
        if (journal != null) {
          journal.tick(engine.now(), engine);
        }
        worked = true;
      } else {
        Pending p = commands.poll();
        worked = p != null;
        if (worked) {
          taken(p);
          Loop.Outcome outcome = Loop.run(engine, p, journal);
          applied(p, 0);
          if (journal == null) {
            outcome.completeOn(p); // as without journals: no queue, no lock
          } else {
            completions.add(outcome, p);
          }
          if (outcome.fatal()) {
            stopAfterFailure(outcome.failure().getCause());
          } else {
            // a deadline the command set in the past fires at this reading, as in the threaded loop
            engine.fireDueTimers();
          }
        }
      }
    } catch (RuntimeException | Error e) {
      stopAfterFailure(e);
      throw e;
    }
    if (journal != null && !failed) {
      journal.release(); // not after a failure: what the failed command did was never journaled
    }
    deliver();
    return worked;
  }

  /**
   * Rejects every command still queued, and all later ones, with ENGINE_FAILED (NOT_LEADER when
   * another node took the journal over).
   */
  private void stopAfterFailure(Throwable cause) {
    failed = true;
    markFailed(cause);
    Pending p;
    while ((p = commands.poll()) != null) {
      p.fail(notApplied(p.command()));
    }
  }

  @Override
  public int drain() {
    int steps = 0;
    while (step()) {
      steps++;
    }
    return steps;
  }

  private void deliver() {
    if (delivering) {
      return; // a listener stepped the loop: the delivery already under way sends the new events
    }
    delivering = true;
    try {
      while (takeReleased() || !buffer.isEmpty()) {
        for (int i = 0; i < buffer.size(); i++) {
          callListeners(buffer.get(i));
        }
        buffer.clear();
      }
    } finally {
      delivering = false;
    }
  }

  private void callListeners(RoutingEvent event) {
    for (RoutingEventListener l : listeners) {
      failures.call(l, event);
    }
  }

  /** Takes the journal's released events for delivery; true if there were any. */
  private boolean takeReleased() {
    if (journal == null) {
      return false;
    }
    synchronized (released) {
      for (int i = 0; i < released.size(); i++) {
        buffer.add(released.get(i));
      }
      boolean any = !released.isEmpty();
      released.clear();
      return any;
    }
  }

  /** Where the journal releases events once durable, on the loop or the journal's thread. */
  private void addReleased(RoutingEvent event) {
    synchronized (released) {
      released.add(event);
    }
  }

  @Override
  public synchronized Optional<Instant> nextDeadline() {
    long next = engine.nextDeadline();
    if (next != lastDeadline) { // a simulator asks after every event; the answer rarely changes
      lastDeadline = next;
      lastDeadlineAnswer =
          next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Nanos.instant(next));
    }
    return lastDeadlineAnswer;
  }

  /** The engine itself, for tests that check its invariants. */
  public RoutingEngine engine() {
    return engine;
  }


  @Override
  public void close() {
    stopChannels();
    if (markClosed()) {
      drain();
      List<Pending> left;
      synchronized (this) {
        left = new ArrayList<>(commands);
        commands.clear();
      }
      for (Pending p : left) {
        p.fail(new CommandRejectedException(Reason.ENGINE_CLOSED,
            "the engine closed before applying " + p.command().getClass().getSimpleName()));
      }
    }
    if (journal != null) {
      journal.close(); // also after a failure, so that the journal's store is released
      synchronized (this) {
        deliver(); // the events of the entries closing made durable
      }
    }
  }

  @Override
  int journalPending() {
    return journal == null ? 0 : journal.pending();
  }
}
