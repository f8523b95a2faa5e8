package dev.switchboard.internal.journal;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.internal.engine.EngineConfig;
import dev.switchboard.internal.engine.EventSink;
import dev.switchboard.internal.engine.RoutingEngine;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.internal.loop.Command;
import dev.switchboard.internal.timer.Nanos;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine's side of its journal, used on the engine loop: numbers and encodes what the loop
 * applies, appends it, takes snapshots at the journal's interval, holds each entry's events and
 * deliveries until the entry is durable, and on start rebuilds the engine from what the journal
 * holds (its events muted, or handed to listeners that asked for them).
 */
public final class EngineJournal {

  private static final Logger LOG = LoggerFactory.getLogger(EngineJournal.class);
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final Journal journal;
  private final CommandCodec codec;
  private final EngineConfig config;
  /** Held work in entry order, released as the journal makes it durable. */
  private final DurableOrder<Held> releases = new DurableOrder<>(this::send, (h, failure) -> { });
  private long sequence;
  private long sinceSnapshot;
  private int snapshotInterval;
  /** Snapshots that failed in a row; loop thread only. */
  private int snapshotFailures;
  private int maxEntryBytes = Integer.MAX_VALUE;
  private CompletionStage<Void> last = DONE;
  /** What the loop produced since the last release; loop thread only. */
  private Held held = new Held();
  /** Where held events go once durable; set by {@link #holdEvents}. */
  private EventSink durableEvents;
  private boolean replaying;
  /** While a snapshot is restored, which emits nothing even when replay's events are wanted. */
  private boolean restoring;
  private boolean closed;

  /**
   * What one entry produced that waits for it: the events and the deliveries of a command (with
   * the timers it made due at its reading) or of a timer advance.
   */
  private static final class Held {
    final ArrayList<RoutingEvent> events = new ArrayList<>();
    final ArrayList<Runnable> deliveries = new ArrayList<>();

    boolean isEmpty() {
      return events.isEmpty() && deliveries.isEmpty();
    }

    void clear() {
      events.clear();
      deliveries.clear();
    }
  }

  /** The engine side of the journal for an engine of the configuration. */
  public EngineJournal(Journal journal, EngineConfig config) {
    this.journal = journal;
    this.config = config;
    this.codec = new CommandCodec(config.channels());
  }

  /**
   * The sink to build the engine with. A live entry's events are held until {@link #release()}
   * and then until the entry, and every earlier one, is durable; then they go to {@code durable}
   * in entry order, on the loop or on the thread completing the journal's stage. If the journal
   * fails they are dropped: the engine stops, and a new leader may give their sequence numbers to
   * other events. Replayed entries' events go to {@code replayed} on the thread recovering the
   * engine, or nowhere when it is null; restoring a snapshot emits nothing.
   */
  public EventSink holdEvents(EventSink durable, EventSink replayed) {
    this.durableEvents = durable;
    return event -> {
      if (!replaying) {
        held.events.add(event);
      } else if (replayed != null && !restoring) {
        replayed.emit(event);
      }
    };
  }

  /**
   * The dispatcher to build the engine with. Replayed entries start no deliveries (a reply whose
   * attempt was in flight at the crash is retried when that attempt's recovered timeout fires).
   * Live ones are held with their entry's events: no adapter sees a reply, or its delivery id,
   * before the entry that made it is durable, so a crash cannot hand the same id to another
   * reply.
   */
  public ChannelState.Dispatcher holdDeliveries(ChannelState.Dispatcher dispatcher) {
    return (adapterId, message) -> {
      if (!replaying) {
        held.deliveries.add(() -> dispatcher.dispatch(adapterId, message));
      }
    };
  }

  /**
   * Lets go of the events and deliveries the last command or timer advance produced, once
   * everything journaled so far is durable and everything released before has gone; dropped if
   * the journal fails, since the engine then stops. Called by the loop after each command or
   * timer advance. Costs nothing when they produced nothing; with the journal's stage already
   * complete and nothing waiting, they go at once.
   */
  public void release() {
    if (held.isEmpty()) {
      return;
    }
    if (releases.add(held, last)) {
      held.clear(); // gone already: the lists serve the next entry
    } else {
      held = new Held();
    }
  }

  private void send(Held h) {
    for (int i = 0; i < h.events.size(); i++) {
      durableEvents.emit(h.events.get(i));
    }
    for (int i = 0; i < h.deliveries.size(); i++) {
      try {
        h.deliveries.get(i).run();
      } catch (RuntimeException e) {
        // the adapter host reports its own failures; whatever escapes must not stop the others
        LOG.error("a delivery could not be handed to its adapter", e);
      }
    }
  }

  /**
   * Rebuilds the fresh engine from the journal: the snapshot, then every entry at its recorded
   * time. Throws {@link JournalException} when the journal is corrupt or an entry does not apply
   * as it did when written (the engine was configured differently).
   */
  public void recover(RoutingEngine engine) {
    replaying = true;
    long[] counts = new long[2];
    try {
      journal.recover(new Journal.Recovery() {
        @Override
        public void snapshot(JournalSnapshot snapshot) {
          try {
            restoring = true;
            EngineState.restore(engine, config, codec, snapshot.state());
            restoring = false;
            // the snapshot was taken when its entry was appended; after a command the loop then
            // fired the timers the command made due at that same reading, and so must we (their
            // events are the rest of that entry's, and come after the snapshot's state)
            engine.fireDueTimers();
          } catch (IOException | RuntimeException e) {
            throw new JournalException("the journal's snapshot at entry " + snapshot.sequence()
                + " cannot be restored: " + e.getMessage(), e);
          }
          sequence = snapshot.sequence();
          counts[0] = 1;
        }

        @Override
        public void entry(JournalEntry entry) {
          if (entry.sequence() != sequence + 1) {
            throw new JournalException("the journal gave entry " + entry.sequence() + " after "
                + sequence + "; entries must follow without gaps");
          }
          replay(engine, entry);
          sequence = entry.sequence();
          counts[1]++;
        }
      });
    } finally {
      replaying = false;
      restoring = false;
    }
    snapshotInterval = journal.snapshotInterval();
    maxEntryBytes = journal.maxEntryBytes();
    if (counts[0] + counts[1] > 0) {
      LOG.info("recovered the engine from its journal: {} snapshot(s), {} entries replayed, up to"
          + " entry {}", counts[0], counts[1], sequence);
    }
  }

  private void replay(RoutingEngine engine, JournalEntry entry) {
    CommandCodec.Decoded d;
    try {
      d = codec.decode(entry.payload());
    } catch (IOException e) {
      throw new JournalException("journal entry " + entry.sequence() + " is malformed: "
          + e.getMessage(), e);
    }
    engine.setTime(Nanos.instant(d.time()));
    engine.fireDueTimers();
    if (d.command() == null) {
      return;
    }
    try {
      d.command().applyTo(engine);
      engine.settle(); // as the loop does after every command
    } catch (CommandRejectedException e) {
      throw new JournalException("journal entry " + entry.sequence() + " (" + d.command()
          + ") was accepted when written but is rejected on replay: " + e.getMessage()
          + ". Was the engine configured differently (channels, skills, queues, options)?", e);
    }
    engine.fireDueTimers();
  }

  /**
   * The payload for a command about to be applied at the time, or null for a command that
   * changes nothing. Throws {@link IllegalArgumentException} when a value cannot be stored or
   * the payload would exceed the journal's {@link Journal#maxEntryBytes}.
   */
  public byte[] encode(Command command, long time) {
    return CommandCodec.READ_ONLY.contains(command.getClass()) ? null
        : EntryLimit.encode(codec, command, time, maxEntryBytes);
  }

  /**
   * Appends the payload of a command the engine applied (or nothing when null); returns the
   * stage its caller must wait for: durability of this entry and every earlier one.
   */
  public CompletionStage<Void> commit(byte[] payload, RoutingEngine engine) {
    if (payload != null) {
      append(payload, engine);
    }
    return last;
  }

  /** Records that timers fired at the time with no command. */
  public void tick(long time, RoutingEngine engine) {
    append(codec.tick(time), engine);
  }

  /** The stage of the latest entry: what a call that changed nothing still waits for. */
  public CompletionStage<Void> last() {
    return last;
  }

  private void append(byte[] payload, RoutingEngine engine) {
    sequence++;
    try {
      last = journal.append(new JournalEntry(sequence, payload));
    } catch (RuntimeException e) {
      last = CompletableFuture.failedStage(e);
    }
    if (snapshotInterval > 0 && ++sinceSnapshot >= snapshotInterval) {
      sinceSnapshot = 0;
      try {
        journal.snapshot(new JournalSnapshot(sequence, EngineState.write(engine, codec)));
        snapshotFailures = 0;
      } catch (RuntimeException e) {
        // the first failure in a row with its stack trace, later ones (at every interval while
        // the cause lasts, e.g. a state too large) in one line each
        if (snapshotFailures++ == 0) {
          LOG.warn("taking a snapshot at journal entry {} failed; the journal keeps every entry",
              sequence, e);
        } else {
          LOG.warn("taking a snapshot at journal entry {} failed again ({} in a row): {}",
              sequence, snapshotFailures, e.toString());
        }
      }
    }
  }

  /** Entries appended whose release still waits for them to become durable. */
  public int pending() {
    return releases.waiting();
  }

  /** Closes the journal once: it makes what was appended durable. */
  public synchronized void close() {
    if (!closed) {
      closed = true;
      journal.close();
    }
  }
}
