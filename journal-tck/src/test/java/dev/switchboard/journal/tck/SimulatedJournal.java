package dev.switchboard.journal.tck;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalFencedException;
import dev.switchboard.journal.JournalSnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32C;

/**
 * A journal on a simulated disk that survives its instances, for the TCK's self-test: complete
 * enough to claim every optional rule (crash, failure, damage, fencing), with one {@link Flaw}
 * switched on at a time. Its writer thread takes groups of {@link #GROUP} entries as they gather,
 * and the rest when a caller waits on a stage ({@code get} or {@code join}) or the journal closes,
 * so that what is in flight at a crash or a close does not depend on thread timing.
 */
final class SimulatedJournal implements Journal {

  /** A mistake a real journal could make; each breaks one rule of the TCK. */
  enum Flaw {
    NONE,
    /** Rule 1: a payload's trailing zero bytes are lost. */
    DROPS_TRAILING_ZEROS,
    /** Rule 2: appends are not checked against the expected sequence. */
    ACCEPTS_GAPS,
    /** Rule 3: the stages of a group complete last first. */
    COMPLETES_OUT_OF_ORDER,
    /** Rule 4: close stops the writer and drops what it had not written. */
    CLOSE_DROPS_PENDING,
    /** Rule 5: a snapshot of an empty state is taken for none and not stored. */
    DROPS_EMPTY_SNAPSHOT,
    /** Rule 6: entries over the limit are accepted. */
    IGNORES_LIMIT,
    /** Rule 7: groups are written but not forced before their stages complete; close forces. */
    SKIPS_FORCE,
    /** Rule 8: a failed write fails its group only; later appends are written. */
    GOES_ON_AFTER_FAILURE,
    /** Rule 9: a second recover is allowed. */
    RECOVERS_TWICE,
    /** Rule 10: a torn last entry is handed over as far as it was written. */
    KEEPS_TORN_TAIL,
    /** Rule 11: entries' checksums are not checked. */
    SKIPS_CHECKSUM,
    /** Rule 12: recovery does not notice a gap. */
    IGNORES_GAPS_ON_RECOVERY,
    /** Rule 13: snapshots' checksums are not checked. */
    TRUSTS_DAMAGED_SNAPSHOT,
    /** Rule 14: a second journal may open a store held by another. */
    NOT_EXCLUSIVE,
    /** Rule 15: a writer whose store was taken over goes on writing. */
    NOT_FENCED,
    /** Rule 15: a fenced writer fails with a plain JournalException, not saying it was fenced. */
    FENCES_WITHOUT_SAYING
  }

  static final int MAX_ENTRY = 1 << 20;
  static final int GROUP = 32;

  /** One record on the disk. */
  record Record(long sequence, byte[] payload, int crc, boolean torn) {}

  /** One snapshot on the disk. */
  record Snap(long sequence, byte[] state, int crc) {}

  /** What survives every instance and every crash: what the writers made durable. */
  static final class Disk {
    final List<Record> records = new ArrayList<>();
    final List<Snap> snapshots = new ArrayList<>();
    long epoch;
    SimulatedJournal holder;
    boolean broken;
    /** How many of the first records are forced; a crash loses the others. */
    int forced;

    synchronized void crash() {
      while (records.size() > forced) {
        records.remove(records.size() - 1);
      }
    }

    synchronized void damage(Damage damage, long sequence) {
      switch (damage) {
        case TORN_LAST_ENTRY -> {
          Record last = records.remove(records.size() - 1);
          records.add(new Record(last.sequence(), Arrays.copyOf(last.payload(),
              last.payload().length / 2), last.crc(), true));
        }
        case CORRUPT_ENTRY -> {
          Record r = find(sequence);
          r.payload()[r.payload().length / 2] ^= 0x40;
        }
        case MISSING_ENTRY -> records.remove(find(sequence));
        case CORRUPT_NEWEST_SNAPSHOT -> {
          Snap s = snapshots.get(snapshots.size() - 1);
          s.state()[0] ^= 0x40;
        }
        default -> throw new AssertionError(damage);
      }
    }

    private Record find(long sequence) {
      return records.stream().filter(r -> r.sequence() == sequence).findFirst().orElseThrow();
    }
  }

  private final Disk disk;
  private final Flaw flaw;
  private final Fencing fencing;

  private final List<Pending> pending = new ArrayList<>();
  private final List<JournalSnapshot> pendingSnapshots = new ArrayList<>();
  private boolean recovered;
  private boolean flushRequested;
  private boolean closing;
  private boolean crashed;
  private Throwable failure;
  private long next;
  private long epoch;
  private Thread writer;

  SimulatedJournal(Disk disk, Flaw flaw, Fencing fencing) {
    this.disk = disk;
    this.flaw = flaw;
    this.fencing = fencing;
  }

  private record Pending(long sequence, byte[] payload, CompletableFuture<Void> stage) {}

  /** A stage whose waiters ask the writer to write what is pending now. */
  private final class Stage extends CompletableFuture<Void> {
    @Override
    public Void get() throws InterruptedException, ExecutionException {
      flush();
      return super.get();
    }

    @Override
    public Void get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      flush();
      return super.get(timeout, unit);
    }

    @Override
    public Void join() {
      flush();
      return super.join();
    }
  }

  @Override
  public void recover(Recovery recovery) {
    synchronized (this) {
      if (recovered && flaw != Flaw.RECOVERS_TWICE) {
        throw new IllegalStateException("recovered already");
      }
    }
    List<JournalEntry> entries = new ArrayList<>();
    JournalSnapshot chosen = null;
    synchronized (disk) {
      if (fencing == Fencing.EXCLUSIVE && disk.holder != null && disk.holder != this
          && flaw != Flaw.NOT_EXCLUSIVE) {
        throw new JournalException("the store is in use");
      }
      for (int i = disk.snapshots.size() - 1; i >= 0 && chosen == null; i--) {
        Snap s = disk.snapshots.get(i);
        if (crc(s.state()) == s.crc() || flaw == Flaw.TRUSTS_DAMAGED_SNAPSHOT) {
          chosen = new JournalSnapshot(s.sequence(), s.state().clone());
        }
      }
      long from = chosen == null ? 0 : chosen.sequence();
      if (chosen == null && !disk.records.isEmpty() && disk.records.get(0).sequence() != 1) {
        throw new JournalException("no intact snapshot, and the log starts after entry 1");
      }
      long expected = from + 1;
      for (int i = 0; i < disk.records.size(); i++) {
        Record r = disk.records.get(i);
        if (r.sequence() <= from) {
          continue;
        }
        if (r.torn() && flaw != Flaw.KEEPS_TORN_TAIL) {
          if (i != disk.records.size() - 1) {
            throw new JournalException("entry " + r.sequence() + " is torn");
          }
          disk.records.remove(i);
          disk.forced = Math.min(disk.forced, disk.records.size());
          break;
        }
        if (r.sequence() != expected && flaw != Flaw.IGNORES_GAPS_ON_RECOVERY) {
          throw new JournalException("entry " + expected + " is missing");
        }
        if (!r.torn() && crc(r.payload()) != r.crc() && flaw != Flaw.SKIPS_CHECKSUM) {
          throw new JournalException("entry " + r.sequence() + " is damaged");
        }
        entries.add(new JournalEntry(r.sequence(), r.payload().clone()));
        expected = r.sequence() + 1;
      }
      if (!recovered) {
        epoch = ++disk.epoch;
        disk.holder = this;
      }
      synchronized (this) {
        next = expected;
      }
    }
    if (chosen != null) {
      recovery.snapshot(chosen);
    }
    entries.forEach(recovery::entry);
    synchronized (this) {
      if (!recovered) {
        recovered = true;
        writer = new Thread(this::writeLoop, "simulated-journal");
        writer.setDaemon(true);
        writer.start();
      }
    }
  }

  @Override
  public synchronized CompletionStage<Void> append(JournalEntry entry) {
    if (failure != null) {
      return CompletableFuture.failedFuture(new JournalException("failed earlier", failure));
    }
    if (closing) {
      return CompletableFuture.failedFuture(new JournalException("closed"));
    }
    byte[] payload = entry.payload();
    if (payload.length > MAX_ENTRY && flaw != Flaw.IGNORES_LIMIT) {
      return CompletableFuture.failedFuture(new JournalException("too large"));
    }
    if (entry.sequence() != next && flaw != Flaw.ACCEPTS_GAPS) {
      return CompletableFuture.failedFuture(new JournalException("expected " + next));
    }
    next = entry.sequence() + 1;
    byte[] stored = payload.clone();
    if (flaw == Flaw.DROPS_TRAILING_ZEROS) {
      int end = stored.length;
      while (end > 0 && stored[end - 1] == 0) {
        end--;
      }
      stored = Arrays.copyOf(stored, end);
    }
    Pending p = new Pending(entry.sequence(), stored, new Stage());
    pending.add(p);
    if (pending.size() >= GROUP) {
      notifyAll();
    }
    return p.stage();
  }

  @Override
  public synchronized void snapshot(JournalSnapshot snapshot) {
    if (failure == null && !closing) {
      pendingSnapshots.add(snapshot);
    }
  }

  @Override
  public int maxEntryBytes() {
    return MAX_ENTRY;
  }

  private synchronized void flush() {
    flushRequested = true;
    notifyAll();
  }

  private void writeLoop() {
    while (true) {
      List<Pending> group;
      List<JournalSnapshot> snaps;
      synchronized (this) {
        while (!closing && pending.size() < GROUP && !(flushRequested && !pending.isEmpty())) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (crashed) {
          return;
        }
        if (closing && flaw == Flaw.CLOSE_DROPS_PENDING) {
          pending.clear(); // the entries go; their stages stay pending
        }
        if (closing && pending.isEmpty() && pendingSnapshots.isEmpty()) {
          return;
        }
        boolean all = closing || flushRequested;
        int n = all ? pending.size() : GROUP;
        group = new ArrayList<>(pending.subList(0, n));
        pending.subList(0, n).clear();
        if (all) {
          flushRequested = false;
        }
        snaps = new ArrayList<>(pendingSnapshots);
        pendingSnapshots.clear();
      }
      try {
        write(group, snaps);
      } catch (IOException | RuntimeException e) {
        List<Pending> failed = new ArrayList<>(group);
        synchronized (this) {
          if (flaw != Flaw.GOES_ON_AFTER_FAILURE) {
            failure = e;
            failed.addAll(pending);
            pending.clear();
          }
        }
        failed.forEach(p -> p.stage().completeExceptionally(new JournalException("write", e)));
        if (flaw != Flaw.GOES_ON_AFTER_FAILURE) {
          return;
        }
        continue;
      }
      if (flaw == Flaw.COMPLETES_OUT_OF_ORDER) {
        for (int i = group.size() - 1; i >= 0; i--) {
          group.get(i).stage().complete(null);
        }
      } else {
        group.forEach(p -> p.stage().complete(null));
      }
    }
  }

  private void write(List<Pending> group, List<JournalSnapshot> snaps) throws IOException {
    synchronized (disk) {
      if (crashed) {
        throw new IOException("crashed");
      }
      if (disk.broken) {
        throw new IOException("the disk is broken");
      }
      if (fencing == Fencing.EPOCH && disk.epoch != epoch && flaw != Flaw.NOT_FENCED) {
        String why = "fenced: epoch " + disk.epoch + " took over from " + epoch;
        throw flaw == Flaw.FENCES_WITHOUT_SAYING ? new JournalException(why)
            : new JournalFencedException(why);
      }
      for (Pending p : group) {
        disk.records.add(new Record(p.sequence(), p.payload(), crc(p.payload()), false));
      }
      if (flaw != Flaw.SKIPS_FORCE) {
        disk.forced = disk.records.size();
      }
      for (JournalSnapshot s : snaps) {
        if (flaw == Flaw.DROPS_EMPTY_SNAPSHOT && s.state().length == 0) {
          continue;
        }
        disk.snapshots.add(new Snap(s.sequence(), s.state().clone(), crc(s.state())));
        while (disk.snapshots.size() > 2) {
          disk.snapshots.remove(0);
        }
        if (disk.snapshots.size() == 2) {
          long oldest = disk.snapshots.get(0).sequence();
          int before = disk.records.size();
          disk.records.removeIf(r -> r.sequence() <= oldest);
          disk.forced = Math.max(0, disk.forced - (before - disk.records.size()));
        }
      }
    }
  }

  /** Stops at once, as a crash would: what was not written is lost, stages stay pending. */
  void crash() {
    synchronized (disk) {
      crashed = true;
      disk.crash();
      if (disk.holder == this) {
        disk.holder = null;
      }
    }
    synchronized (this) {
      closing = true;
      pending.clear();
      notifyAll();
    }
  }

  @Override
  public void close() {
    Thread w;
    synchronized (this) {
      closing = true;
      notifyAll();
      w = writer;
    }
    if (w != null) {
      try {
        w.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    List<Pending> left;
    synchronized (this) {
      left = flaw == Flaw.CLOSE_DROPS_PENDING ? List.of() : new ArrayList<>(pending);
      pending.clear();
    }
    left.forEach(p -> p.stage().completeExceptionally(new JournalException("closed")));
    synchronized (disk) {
      if (!crashed) {
        disk.forced = disk.records.size();
      }
      if (disk.holder == this) {
        disk.holder = null;
      }
    }
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
