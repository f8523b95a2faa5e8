package dev.switchboard.journal;

import java.util.Objects;

/**
 * The engine's whole state after the entry with this sequence number, as opaque bytes. Restoring
 * it and replaying the entries after it gives the same state as replaying every entry from the
 * start; a store may therefore drop the entries it covers.
 *
 * @param sequence the last entry the snapshot includes
 * @param state the engine's encoding of its state
 * @since 0.2
 */
public record JournalSnapshot(long sequence, byte[] state) {

  /** Checks the fields. */
  public JournalSnapshot {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence is " + sequence + "; it must not be negative");
    }
    Objects.requireNonNull(state, "state");
  }
}
