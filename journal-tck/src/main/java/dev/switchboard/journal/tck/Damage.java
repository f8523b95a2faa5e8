package dev.switchboard.journal.tck;

/**
 * A way the TCK asks a harness to damage a closed store, for the optional damage rules (10 to 13
 * of {@link JournalTck}): what a crash mid-write, a bad disk or a careless hand leaves behind.
 *
 * @since 0.2
 */
public enum Damage {
  /** The last entry only partly written, as a crash in the middle of its write leaves it. */
  TORN_LAST_ENTRY,
  /** One byte of an entry's payload changed, with entries after it intact. */
  CORRUPT_ENTRY,
  /** One entry gone, with entries before and after it intact. */
  MISSING_ENTRY,
  /** One byte of the newest snapshot's state changed, with an older snapshot kept. */
  CORRUPT_NEWEST_SNAPSHOT
}
