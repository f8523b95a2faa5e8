package dev.switchboard.journal.tck;

/**
 * How a journal keeps two writers off one store, for the optional fencing rules (14 and 15 of
 * {@link JournalTck}).
 *
 * @since 0.2
 */
public enum Fencing {
  /** The journal does not fence: the host must never open two on one store (in-memory). */
  NONE,
  /**
   * A second journal cannot recover the store while the first holds it (the file journal's lock
   * file): the second fails, the first goes on.
   */
  EXCLUSIVE,
  /**
   * A second journal recovers the store with a newer epoch and takes it over; from then on every
   * append of the older one fails, and nothing it appends after the takeover is kept.
   */
  EPOCH
}
