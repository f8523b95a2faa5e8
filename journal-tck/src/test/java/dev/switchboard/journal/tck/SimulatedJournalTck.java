package dev.switchboard.journal.tck;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.tck.SimulatedJournal.Disk;
import dev.switchboard.journal.tck.SimulatedJournal.Flaw;
import java.time.Duration;
import java.util.Optional;

/**
 * The TCK's harness for {@link SimulatedJournal}, with the flaw and fencing the running self-test
 * chose; it claims every optional rule. Run by {@link JournalTckSelfTest}, not on its own.
 */
class SimulatedJournalTck extends JournalTck<Disk> {
  static volatile Flaw flaw = Flaw.NONE;
  static volatile Fencing fencing = Fencing.EPOCH;

  @Override
  protected Disk createStore() {
    return new Disk();
  }

  @Override
  protected Journal openJournal(Disk disk) {
    return new SimulatedJournal(disk, flaw, fencing);
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(Disk disk, Journal journal) {
    ((SimulatedJournal) journal).crash();
  }

  @Override
  protected boolean failsOnDemand() {
    return true;
  }

  @Override
  protected void failStore(Disk disk, Journal journal) {
    synchronized (disk) {
      disk.broken = true;
    }
  }

  @Override
  protected void repairStore(Disk disk) {
    synchronized (disk) {
      disk.broken = false;
    }
  }

  @Override
  protected Optional<DamageOutcome> damageOutcome(Damage damage) {
    return Optional.of(switch (damage) {
      case TORN_LAST_ENTRY -> DamageOutcome.CUT_BEFORE_DAMAGE;
      case CORRUPT_ENTRY, MISSING_ENTRY -> DamageOutcome.REFUSED;
      case CORRUPT_NEWEST_SNAPSHOT -> DamageOutcome.RECOVERED_IN_FULL;
    });
  }

  @Override
  protected void damage(Disk disk, Damage damage, long sequence) {
    disk.damage(damage, sequence);
  }

  @Override
  protected Fencing fencing() {
    return fencing;
  }

  @Override
  protected Duration patience() {
    return Duration.ofSeconds(2);
  }
}
