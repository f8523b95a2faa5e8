package dev.switchboard.journal.file.internal;

import dev.switchboard.journal.Durability;

/**
 * The file journal passes the journal TCK in {@code ASYNC} mode too: stages complete at once, and
 * after a crash the directory holds a gap-free prefix of what was appended (the TCK's rule 7 then
 * asks no more); close still makes everything durable.
 */
class FileJournalAsyncTckTest extends FileJournalTckTest {

  @Override
  protected Durability durability() {
    return Durability.ASYNC;
  }
}
