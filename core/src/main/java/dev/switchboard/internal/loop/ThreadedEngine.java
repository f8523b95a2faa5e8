package dev.switchboard.internal.loop;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.EngineView;
import dev.switchboard.internal.engine.Matcher;
import dev.switchboard.internal.engine.Registry;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.journal.EngineJournal;
import dev.switchboard.journal.Journal;
import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine with its own loop thread: producers on any thread put commands on a queue; the
 * loop takes them one at a time, fires due timers between them, and waits no longer than the
 * next deadline. Callers' stages complete on a separate callback thread so that code chained on
 * them never runs on the loop. With a journal, events and deliveries wait for their entries to be
 * durable ({@link EngineJournal#release}).
 */
public final class ThreadedEngine extends AbstractSwitchboard {

  private static final Logger LOG = LoggerFactory.getLogger(ThreadedEngine.class);
  /** Longest the loop sleeps, so that a clock other than the system's is still followed. */
  private static final long MAX_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final Pending STOP = new Pending(null);

  private final LinkedBlockingQueue<Pending> commands = new LinkedBlockingQueue<>();
  private final AsyncListeners listeners;
  private final ThreadPoolExecutor callbacks;
  private final InstantSource clock;
  private final RoutingEngine engine;
  /** Null without a journal. */
  private final EngineJournal journal;
  private final Thread loop;
  private final Completions completions;
  private volatile Thread callbackThread;
  private boolean cleanedUp;

  /** Starts an engine whose decisions the matcher makes. */
  public ThreadedEngine(EngineConfig config, Function<EngineView, Matcher> matcher) {
    this(config, matcher, ChannelConfig.NONE, null);
  }

  /** An engine without channel adapters that records what it applies in the journal. */
  public ThreadedEngine(EngineConfig config, Function<EngineView, Matcher> matcher, Journal journal) {
    this(config, matcher, ChannelConfig.NONE, journal);
  }

  /**
   * Starts an engine hosting channel adapters (call {@link #startChannels()} once built) that
   * records what it applies in the journal (none when null), rebuilt first from what the journal
   * holds; throws if the journal cannot be recovered.
   */
  public ThreadedEngine(EngineConfig config, Function<EngineView, Matcher> matcher,
      ChannelConfig channelConfig, Journal journal) {
    super(new Registry(config), channelConfig, config.clock(), config.commandQueueCapacity());
    this.clock = config.clock();
    this.journal = journal == null ? null : new EngineJournal(journal, config);
    this.listeners = new AsyncListeners(config.listeners(), config.listenerQueueCapacity(),
        failures);
    this.engine = new RoutingEngine(config, matcher,
        this.journal == null ? listeners : this.journal.holdEvents(listeners,
            config.replayEvents() ? listeners::emitWaiting : null), channelConfig,
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
      try {
        listeners.close(1000);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      throw e;
    }
    this.callbacks = callbackExecutor(config.commandQueueCapacity());
    this.completions = new Completions(callbacks, this::journalFailed);
    this.loop = new Thread(this::run, "switchboard-engine");
    loop.setDaemon(true);
    loop.start();
  }

  /**
   * One thread completing callers' stages, with a bounded queue: when callers' code chained on
   * their stages runs slower than the loop applies commands, whoever hands it a completion (the
   * loop, or the journal's writer) waits for room, so the backlog is bounded and, through the
   * command queue's bound, new callers are refused. A completion handed over on the callback
   * thread itself, or after shutdown, runs at once: it must never wait for itself, nor be lost.
   */
  private ThreadPoolExecutor callbackExecutor(int capacity) {
    return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(capacity), r -> {
          Thread t = new Thread(r, "switchboard-callbacks");
          t.setDaemon(true);
          callbackThread = t;
          return t;
        }, (task, executor) -> {
          if (executor.isShutdown() || Thread.currentThread() == callbackThread) {
            task.run();
            return;
          }
          try {
            executor.getQueue().put(task);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.run(); // not lost: completed on the interrupted thread instead
          }
        });
  }

  @Override
  void enqueue(Pending pending) {
    pending.queuedAt = System.nanoTime();
    commands.add(pending);
  }

  private void run() {
    Pending p = null;
    try {
      while (true) {
        p = null;
        if (journalFailure() != null) {
          stopAfterFailure(journalFailure());
          return;
        }
        tick();
        long wait = Math.min(MAX_IDLE_NANOS, Math.max(0, engine.nextDeadline() - engine.now()));
        p = commands.poll(wait, TimeUnit.NANOSECONDS);
        if (p == STOP) {
          return;
        }
        if (p != null) {
          taken(p);
          if (journalFailure() != null) {
            commands.add(p);
            stopAfterFailure(journalFailure());
            return;
          }
          // timers due by this reading fire before the command, as in the manual loop
          tick();
          Pending applied = p;
          Loop.Outcome outcome = Loop.run(engine, applied, journal);
          applied(applied, System.nanoTime());
          p = null;
          if (journal == null) {
            callbacks.execute(() -> outcome.completeOn(applied)); // no queue, no lock
          } else {
            completions.add(outcome, applied);
          }
          if (outcome.fatal()) {
            stopAfterFailure(outcome.failure().getCause());
            return;
          }
          // a deadline the command set in the past fires at this reading, not at a later one
          engine.fireDueTimers();
          if (journal != null) {
            journal.release();
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("the engine loop failed (a timer, or the clock) and stops", e);
      if (p != null && p != STOP) {
        commands.add(p); // taken but not applied: fail it with the rest
      }
      stopAfterFailure(e);
    }
  }

  /** Reads the clock and fires the timers due, journaling the reading if any fired. */
  private void tick() {
    engine.setTime(clock.instant());
    if (engine.fireDueTimers() > 0 && journal != null) {
      journal.tick(engine.now(), engine);
      journal.release();
    }
  }

  /**
   * Rejects every command still queued, and all later ones, with ENGINE_FAILED (NOT_LEADER when
   * another node took the journal over).
   */
  private void stopAfterFailure(Throwable cause) {
    markFailed(cause);
    Pending p;
    while ((p = commands.poll()) != null) {
      if (p != STOP) {
        Pending late = p;
        CommandRejectedException e = notApplied(late.command());
        callbacks.execute(() -> late.fail(e));
      }
    }
  }


  @Override
  public void close() {
    stopChannels();
    markClosed();
    synchronized (this) {
      if (cleanedUp) {
        return; // closing twice, or after a failure and then closed: clean up once
      }
      cleanedUp = true;
    }
    commands.add(STOP);
    try {
      loop.join(TimeUnit.SECONDS.toMillis(30));
      Pending p;
      while ((p = commands.poll()) != null) {
        if (p != STOP) {
          Pending late = p;
          callbacks.execute(() -> late.fail(
              new CommandRejectedException(Reason.ENGINE_CLOSED, "the engine closed before"
                  + " applying " + late.command().getClass().getSimpleName())));
        }
      }
      if (journal != null) {
        journal.close(); // completes the stages still waiting for the disk
      }
      listeners.close(TimeUnit.SECONDS.toMillis(30));
      callbacks.shutdown();
      if (Thread.currentThread() != callbackThread) {
        // closing from a stage's callback must not wait for that callback to end
        callbacks.awaitTermination(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  int journalPending() {
    return journal == null ? 0 : journal.pending();
  }
}
