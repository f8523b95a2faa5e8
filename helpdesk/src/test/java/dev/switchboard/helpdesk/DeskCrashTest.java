package dev.switchboard.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Switchboard;
import dev.switchboard.crowd.Answer;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.crowd.QuestionStatus;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.Journals;
import dev.switchboard.journal.file.FileJournals;
import dev.switchboard.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real host process (a child JVM running {@link DeskCrashChild}: a help desk and a
 * threaded switchboard, each on a file journal of its own) with SIGKILL at seeded random points,
 * many times over the same two directories. After each kill both are rebuilt from copies of what
 * the journals hold and reconciled, and every call the desk had acknowledged must be there
 * exactly once: tickets opened and advanced, crowd questions asked, answered and accepted with
 * their points in the ledger, tickets confirmed; no ticket may be left without its live work,
 * and the switchboard may hold no help desk item the desk does not expect.
 *
 * <p>Six kills in the normal run; {@code -Dhelpdesk.crashRuns=40} (or any number) for the long
 * run, part of the crash campaign in docs/durability.md.
 */
class DeskCrashTest {

  private static final long SEED = 20261213L;
  private static final int RUNS = Integer.getInteger("helpdesk.crashRuns", 6);

  @TempDir
  Path dir;

  /** What the child printed as acknowledged, over all runs. */
  private final Set<String> opened = new LinkedHashSet<>();
  private final Map<String, Set<String>> advanced = new HashMap<>();
  private final Set<String> asked = new LinkedHashSet<>();
  private final Map<String, String> answered = new HashMap<>();
  private final Map<String, String> accepted = new HashMap<>();
  private final Set<String> confirmed = new LinkedHashSet<>();

  @Test
  void sigkillAtRandomPoints_losesNoAcknowledgedCall_andLeavesNoTicketStuck() throws Exception {
    Random random = new Random(SEED);
    Path desk = dir.resolve("desk");
    Path engine = dir.resolve("switchboard");
    for (int run = 0; run < RUNS; run++) {
      int killAfter = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(150);
      Path log = dir.resolve("child-" + run + ".log");
      ChildJvm.Run child = ChildJvm.run(DeskCrashChild.class, List.of(desk.toString(),
          engine.toString(), "r" + run, Long.toString(random.nextLong())), log, killAfter,
          Duration.ofMinutes(2), this::record);
      assertThat(child.lines()).as("run %d printed READY (stderr: %s)", run, child.stderrTail())
          .isPositive();
      assertThat(child.killed() && !child.timedOut())
          .as("run %d was killed at its point (stderr: %s)", run, child.stderrTail()).isTrue();
      check(desk, engine, "after run " + run + " (child stderr: " + child.stderrTail() + ")");
    }
    assertThat(opened).as("the runs opened tickets").hasSizeGreaterThan(RUNS);
    assertThat(accepted).as("the runs awarded points").isNotEmpty();
    System.out.printf("desk crash test: %d kills; %d tickets opened, %d questions asked, %d answers"
        + " accepted, %d tickets confirmed, all held exactly once%n", RUNS, opened.size(),
        asked.size(), accepted.size(), confirmed.size());
  }

  private void record(String line) {
    String[] f = line.split(" ");
    switch (f[0]) {
      case "O" -> opened.add(f[1]);
      case "A" -> advanced.computeIfAbsent(f[1], k -> new LinkedHashSet<>()).add(f[2]);
      case "Q" -> asked.add(f[1]);
      case "N" -> answered.put(f[1], f[2]);
      case "P" -> accepted.put(f[1], f[2] + " " + f[3]);
      case "F" -> confirmed.add(f[1]);
      default -> { }
    }
  }

  private void check(Path deskDir, Path engineDir, String where) {
    InMemoryJournal deskJournal = copy(FileJournals.builder(deskDir).build());
    InMemoryJournal engineJournal = copy(FileJournals.builder(engineDir).build());
    HelpDesk desk = DeskCrashChild.configure(HelpDesk.builder()).journal(deskJournal).build();
    ManualSwitchboard sb = DeskCrashChild.configure(Switchboard.builder())
        .listener(desk.listener()).journal(engineJournal).buildManual();
    desk.connect(sb);
    do {
      sb.drain();
    } while (desk.runDue() > 0);
    sb.drain();

    for (String id : opened) {
      Ticket t = desk.ticket(id).orElse(null);
      assertThat(t).as(where + ": ticket %s, whose open was acknowledged", id).isNotNull();
      assertThat(t.history()).as(where + ": %s opened once", id)
          .filteredOn(tr -> tr.reason().equals("opened")).hasSize(1);
      for (String phase : advanced.getOrDefault(id, Set.of())) {
        assertThat(t.history()).as(where + ": %s advanced to %s once", id, phase)
            .filteredOn(tr -> tr.to().equals(phase) && tr.reason().equals("advanced")).hasSize(1);
      }
    }
    for (String id : confirmed) {
      assertThat(desk.ticket(id).flatMap(Ticket::resolution)).as(where + ": %s confirmed", id)
          .contains(Resolution.CONFIRMED);
    }
    for (String id : asked) {
      assertThat(desk.crowd().question(id)).as(where + ": question %s", id).isPresent();
    }
    answered.forEach((id, answer) -> assertThat(desk.crowd().question(id).orElseThrow().answers())
        .as(where + ": answer %s once", answer).extracting(Answer::id)
        .containsOnlyOnce(answer));
    List<LedgerEntry> ledger = desk.crowd().ledger();
    accepted.forEach((id, answerAndHelper) -> {
      String[] a = answerAndHelper.split(" ");
      CrowdQuestion q = desk.crowd().question(id).orElseThrow();
      assertThat(q.status()).as(where + ": %s solved", id)
          .isEqualTo(QuestionStatus.SOLVED_BY_CROWD);
      assertThat(q.acceptedAnswer()).contains(a[0]);
      assertThat(ledger).as(where + ": points for %s once", a[0])
          .filteredOn(e -> e.reason().equals("accepted answer " + a[0]))
          .singleElement().satisfies(e -> assertThat(e.userId()).isEqualTo(a[1]));
    });
    Map<String, Long> sums = new HashMap<>();
    ledger.forEach(e -> sums.merge(e.userId(), e.points(), Long::sum));
    sums.forEach((user, sum) -> assertThat(desk.crowd().points(user)).isEqualTo(sum));

    var stage = sb.snapshot();
    sb.drain();
    EngineSnapshot engine = stage.toCompletableFuture().join();
    for (String id : opened) {
      Ticket t = desk.ticket(id).orElseThrow();
      if (t.phase().equals("fix") || t.phase().equals("check")) {
        assertThat(t.currentItem()).as(where + ": %s in %s has work", id, t.phase()).isPresent();
        assertThat(engine.item(t.currentItem().get()))
            .as(where + ": %s's work %s is live", id, t.currentItem().get()).isPresent();
      }
    }
    for (String id : asked) {
      CrowdQuestion q = desk.crowd().question(id).orElseThrow();
      if (q.status() == QuestionStatus.WITH_STAFF) {
        assertThat(q.staffItem().flatMap(engine::item)).as(where + ": %s's staff item", id)
            .isPresent();
      }
    }
    for (EngineSnapshot.ItemView v : engine.items()) {
      if (v.state() == ItemState.WRAPPING_UP) {
        continue; // completed: its completion reaches the desk when wrap-up ends
      }
      String item = v.item().id();
      Object ticket = v.item().attributes().get("ticket");
      Object question = v.item().attributes().get("crowdQuestion");
      if (ticket != null) {
        assertThat(desk.ticket((String) ticket).flatMap(Ticket::currentItem))
            .as(where + ": the desk knows the switchboard's %s as its ticket's work", item)
            .contains(item);
      } else {
        assertThat(desk.crowd().question((String) question).filter(q ->
            q.status() == QuestionStatus.WITH_STAFF).flatMap(CrowdQuestion::staffItem))
            .as(where + ": the desk knows the switchboard's %s as a question's", item)
            .contains(item);
      }
    }
    desk.close();
    sb.close();
  }

  /** What a file journal holds, in memory, so that checking leaves the directory as it was. */
  private static InMemoryJournal copy(Journal file) {
    InMemoryJournal copy = Journals.inMemory();
    file.recover(new Journal.Recovery() {
      @Override
      public void snapshot(JournalSnapshot snapshot) {
        copy.snapshot(snapshot);
      }

      @Override
      public void entry(JournalEntry entry) {
        copy.append(entry);
      }
    });
    file.close();
    return copy;
  }
}
