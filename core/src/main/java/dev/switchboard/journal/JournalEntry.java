package dev.switchboard.journal;

import java.util.Objects;

/**
 * One record of a journal: a sequence number, rising by one from 1, and an opaque payload that
 * only the engine interprets (a command with the clock reading it was applied at, or a timer
 * advance). A store keeps payloads byte for byte and must not change the array it is given.
 *
 * @param sequence position in the journal, starting at 1, without gaps
 * @param payload the engine's encoding of the record
 * @since 0.2
 */
public record JournalEntry(long sequence, byte[] payload) {

  /** Checks the fields. */
  public JournalEntry {
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence is " + sequence + "; it must be at least 1");
    }
    Objects.requireNonNull(payload, "payload");
  }
}
