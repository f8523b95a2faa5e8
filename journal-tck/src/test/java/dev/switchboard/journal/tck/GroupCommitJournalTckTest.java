package dev.switchboard.journal.tck;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.GroupCommitJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal built on the core's {@link GroupCommitJournal}, as a third party would write one for
 * its own store, passes the TCK: the base keeps the rules, and the store only opens, writes a
 * group and fails on demand. The store is a list in memory that outlives its journals; a crash
 * halts the journal.
 */
class GroupCommitJournalTckTest extends JournalTck<GroupCommitJournalTckTest.Store> {

  /** What the journals keep, as a database would, and a switch that makes every write fail. */
  static final class Store {
    private final List<JournalEntry> entries = new ArrayList<>();
    private JournalSnapshot snapshot;
    private volatile boolean failing;
  }

  /** The journal on a store: the smallest subclass the base allows. */
  private static final class StoreJournal extends GroupCommitJournal {

    private final Store store;

    StoreJournal(Store store) {
      super("switchboard-journal-test", Durability.SYNC, 0, 1 << 20, 1 << 20);
      this.store = store;
    }

    @Override
    protected long open(Recovery recovery) {
      synchronized (store) {
        long last = 0;
        if (store.snapshot != null) {
          recovery.snapshot(store.snapshot);
          last = store.snapshot.sequence();
        }
        for (JournalEntry e : store.entries) {
          if (e.sequence() > last) {
            recovery.entry(e);
            last = e.sequence();
          }
        }
        return last + 1;
      }
    }

    @Override
    protected void write(List<JournalEntry> entries, List<JournalSnapshot> snapshots)
        throws IOException {
      if (store.failing) {
        throw new IOException("the store refuses every write");
      }
      synchronized (store) {
        store.entries.addAll(entries);
        if (!snapshots.isEmpty()) {
          store.snapshot = snapshots.get(snapshots.size() - 1);
        }
      }
    }

    @Override
    protected JournalException failureOf(Throwable cause) {
      return new JournalException("the store could not write: " + cause, cause);
    }

    @Override
    protected void release() {
      // nothing held: the store is a list
    }

    void crash() {
      halt(new JournalException("the journal crashed"));
    }
  }

  @Override
  protected Store createStore() {
    return new Store();
  }

  @Override
  protected Journal openJournal(Store store) {
    return new StoreJournal(store);
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(Store store, Journal journal) {
    ((StoreJournal) journal).crash();
  }

  @Override
  protected boolean failsOnDemand() {
    return true;
  }

  @Override
  protected void failStore(Store store, Journal journal) {
    store.failing = true;
  }

  @Override
  protected void repairStore(Store store) {
    store.failing = false;
  }
}
