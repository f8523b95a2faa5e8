package dev.switchboard.journal.tck;

import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.Journals;

/**
 * The core's in-memory journal passes the TCK. Its instance is its store, so every open is the
 * same instance, which may be recovered again; a crash of the engine loses nothing, since every
 * append is kept at once. It cannot fail, be damaged or fence: those rules are skipped.
 */
class InMemoryJournalTckTest extends JournalTck<InMemoryJournal> {

  @Override
  protected InMemoryJournal createStore() {
    return Journals.inMemory();
  }

  @Override
  protected Journal openJournal(InMemoryJournal store) {
    return store;
  }

  @Override
  protected boolean recoversAgain() {
    return true;
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(InMemoryJournal store, Journal journal) {
    // every append is kept the moment it returns: nothing is lost, nothing to release
  }
}
