package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.Journals;
import dev.switchboard.journal.file.FileJournals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay equivalence: a help desk rebuilt from its journal after seeded random operations shows
 * exactly the state of the desk that wrote it (every ticket with its history, corrections, crowd
 * questions, power users, the ledger, histories, measures, counters, next deadline), and then
 * fires the same deadlines the same way.
 */
class HelpDeskReplayTest {

  private static final int SEEDS = 40;
  private static final int STEPS = 150;

  @TempDir
  Path dir;

  @Test
  void aDeskRebuiltFromItsJournal_isTheDeskThatWroteIt_andGoesOnTheSame() {
    Set<String> seen = new TreeSet<>();
    long entries = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      InMemoryJournal journal = Journals.inMemory();
      DeskWorkload w = new DeskWorkload(seed, b -> b.journal(journal));
      w.run(STEPS);
      entries += journal.entries().size();
      List<Object> written = w.state();
      try (HelpDesk rebuilt = rebuild(w, copy(journal))) {
        assertThat(DeskState.of(rebuilt, w.tickets, w.questions, w.users))
            .as("seed %d, rebuilt from %d entries", seed, journal.entries().size())
            .containsExactlyElementsOf(written);
        w.f.clock.advance(Duration.ofDays(10));
        w.f.desk.runDue();
        rebuilt.runDue();
        assertThat(DeskState.of(rebuilt, w.tickets, w.questions, w.users))
            .as("seed %d, after every deadline fired", seed)
            .containsExactlyElementsOf(w.state());
      }
      note(w, seen);
    }
    assertThat(seen).as("the workload reaches every kind of state").contains(
        "CONFIRMED", "UNCONFIRMED", "ABANDONED", "SELF_SOLVED", "SOLVED_BY_CROWD",
        "CLOSED_BY_HOST", "question SOLVED_BY_STAFF", "question ABANDONED",
        "question SOLVED_BY_CROWD", "redeemed", "late classifier result",
        "classifier timeout", "reopened", "refused calls", "command rejected", "reissued");
    assertThat(entries).isGreaterThan(SEEDS * 50L);
  }

  @Test
  void throughTheFileJournal_aDeskRestartedOnItsDirectory_isTheDeskThatWroteIt() {
    for (long seed = 100; seed < 105; seed++) {
      Path journalDir = dir.resolve("desk-" + seed);
      DeskWorkload w = new DeskWorkload(seed, b -> b.journal(FileJournals.builder(journalDir)
          .segmentBytes(4096).build()));
      w.run(STEPS);
      List<Object> written = w.state();
      w.f.desk.close();
      try (HelpDesk rebuilt = rebuild(w, FileJournals.builder(journalDir).build())) {
        assertThat(DeskState.of(rebuilt, w.tickets, w.questions, w.users)).as("seed %d", seed)
            .containsExactlyElementsOf(written);
      }
    }
  }

  /** A desk configured as the workload's, on the journal, connected to nothing. */
  static HelpDesk rebuild(DeskWorkload w, Journal journal) {
    return DeskWorkload.configure(HelpDesk.builder()).clock(w.f.clock)
        .classifierExecutor(task -> { }).journal(journal).build();
  }

  /** A journal holding the same entries, so that the rebuilt desk appends elsewhere. */
  static InMemoryJournal copy(InMemoryJournal journal) {
    InMemoryJournal copy = Journals.inMemory();
    for (JournalEntry e : journal.entries()) {
      copy.append(e);
    }
    return copy;
  }

  private static void note(DeskWorkload w, Set<String> seen) {
    for (String id : w.tickets) {
      Optional<Ticket> t = w.f.desk.ticket(id);
      t.flatMap(Ticket::resolution).ifPresent(res -> seen.add(res.name()));
      if (t.isPresent() && t.get().reopenCount() > 0) {
        seen.add("reopened");
      }
    }
    for (String id : w.questions) {
      w.f.desk.crowd().question(id).map(CrowdQuestion::status)
          .ifPresent(s -> seen.add("question " + s));
    }
    if (w.f.desk.crowd().ledger().stream().anyMatch(e -> e.points() < 0)) {
      seen.add("redeemed");
    }
    HelpDeskStats s = w.f.desk.stats();
    if (s.lateClassifierResults() > 0) {
      seen.add("late classifier result");
    }
    if (s.classifierTimeouts() > 0) {
      seen.add("classifier timeout");
    }
    if (s.commandFailures() > 0) {
      seen.add("command rejected");
    }
    if (w.f.events.stream().anyMatch(e -> e instanceof HelpDeskEvent.WorkReissued)) {
      seen.add("reissued");
    }
    if (w.refused() > 0) {
      seen.add("refused calls");
    }
  }
}
