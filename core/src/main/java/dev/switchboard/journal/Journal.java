package dev.switchboard.journal;

import java.util.concurrent.CompletionStage;

/**
 * Where an engine records what it applies, so that it can rebuild its state after its process
 * dies. The engine appends one {@link JournalEntry} per command it applied (and one per timer
 * advance that fired timers with no command), in sequence order, and on start replays what the
 * journal holds: the engine's determinism makes the replay exact. Implement this to put the
 * journal on another store (a database, a distributed log); {@link Journals} makes the built-in
 * ones.
 *
 * <p>Threading: {@link #recover} is called once, on the thread building the engine, before any
 * other method. {@link #append} and {@link #snapshot} are called on the engine loop only, one at
 * a time, and must not block for long (hand the I/O to a thread of your own). {@link #close} is
 * called once, when the engine closes.
 *
 * @since 0.2
 */
public interface Journal extends AutoCloseable {

  /**
   * Opens the store and hands the engine what it holds: first the newest snapshot, if any, then
   * every entry after it in sequence order. Throws {@link JournalException} when the store cannot
   * be read or is corrupt in a way it may not repair; the engine then does not start.
   */
  void recover(Recovery recovery);

  /**
   * Records one entry. The returned stage completes when the entry is as durable as this journal
   * promises (for {@link Durability#SYNC}, on disk), or fails when it cannot be made so; once one
   * entry has failed, every later one must fail too. The engine completes the call that produced
   * the entry, and hands listeners and adapters what it caused, only after the stage, and stops
   * after a failure ({@link JournalFencedException} makes its refusals say {@code NOT_LEADER}).
   * Stages may complete on any thread, and several entries may share one.
   */
  CompletionStage<Void> append(JournalEntry entry);

  /**
   * Stores a snapshot of the engine's state taken after the entry with the snapshot's sequence;
   * the store may then drop the entries it covers. Called on the engine loop after {@link #append}
   * of that entry. Stores that keep every entry may ignore it (the default). A store that cannot
   * take this snapshot (it is larger than the store holds) throws a runtime exception and keeps
   * the entries: the engine logs a warning and goes on, since a snapshot only shortens recovery.
   */
  default void snapshot(JournalSnapshot snapshot) {}

  /**
   * The largest payload {@link #append} stores, in bytes. The engine refuses a command whose
   * entry would be larger before applying it ({@code CommandRejectedException} with reason
   * {@code INVALID_VALUE}, naming the limit and the largest field), so that append is never
   * handed one: an entry that append fails stops the engine. Read once, after {@link #recover}.
   * The default, {@link Integer#MAX_VALUE}, sets no limit but that of a Java array.
   *
   * @since 0.2
   */
  default int maxEntryBytes() {
    return Integer.MAX_VALUE;
  }

  /**
   * How many entries the engine appends between snapshots; 0 (the default) for none. Read once,
   * after {@link #recover}.
   */
  default int snapshotInterval() {
    return 0;
  }

  /** Makes everything appended durable, completes the pending stages and releases the store. */
  @Override
  void close();

  /**
   * Receives a journal's contents on start, on the thread building the engine.
   *
   * @since 0.2
   */
  interface Recovery {

    /** The newest snapshot; called at most once, before any entry. */
    void snapshot(JournalSnapshot snapshot);

    /** The next entry after the snapshot (or from the start), in sequence order. */
    void entry(JournalEntry entry);
  }
}
