package dev.switchboard.journal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.switchboard.journal.tck.SimulatedJournal.Flaw;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The TCK tested: run against journals that each break one rule, the whole TCK must fail that
 * rule's test and no other, with a message that names the rule; run against the same journal
 * without the flaw, every rule must pass.
 */
class JournalTckSelfTest {

  /** Outcome of each test method of the whole TCK, by method name. */
  private static Map<String, TestExecutionResult> run(Flaw flaw, Fencing fencing) {
    SimulatedJournalTck.flaw = flaw;
    SimulatedJournalTck.fencing = fencing;
    Map<String, TestExecutionResult> results = new TreeMap<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          String display = id.getDisplayName();
          int paren = display.indexOf('(');
          results.put(paren < 0 ? display : display.substring(0, paren), result);
        }
      }
    };
    try {
      LauncherFactory.create().execute(
          request().selectors(selectClass(SimulatedJournalTck.class)).build(), listener);
    } finally {
      SimulatedJournalTck.flaw = Flaw.NONE;
      SimulatedJournalTck.fencing = Fencing.EPOCH;
    }
    return results;
  }

  private static Map<String, Status> failures(Map<String, TestExecutionResult> results) {
    Map<String, Status> notPassed = new TreeMap<>();
    results.forEach((test, r) -> {
      if (r.getStatus() != Status.SUCCESSFUL) {
        notPassed.put(test, r.getStatus());
      }
    });
    return notPassed;
  }

  @Test
  void journalWithoutFlaw_passesEveryRule_withEpochFencing() {
    Map<String, TestExecutionResult> results = run(Flaw.NONE, Fencing.EPOCH);

    assertThat(results).hasSize(15);
    assertThat(failures(results)).as(results.toString())
        .containsOnlyKeys("optional_rule14_aSecondWriterIsRefusedWhileTheFirstHoldsTheStore");
    assertThat(results.get("optional_rule14_aSecondWriterIsRefusedWhileTheFirstHoldsTheStore"))
        .satisfies(r -> {
          assertThat(r.getStatus()).isEqualTo(Status.ABORTED);
          assertThat(r.getThrowable()).get().asString()
              .contains("rule 14 (exclusive writer) skipped: the harness declares fencing()"
                  + " EPOCH");
        });
  }

  @Test
  void journalWithoutFlaw_passesEveryRule_withAnExclusiveStore() {
    Map<String, TestExecutionResult> results = run(Flaw.NONE, Fencing.EXCLUSIVE);

    assertThat(failures(results)).as(results.toString())
        .containsOnlyKeys("optional_rule15_aNewerWriterFencesTheOlderOne");
  }

  @ParameterizedTest(name = "{0} fails rule {2} only")
  @CsvSource(delimiter = '|', textBlock = """
      DROPS_TRAILING_ZEROS | EPOCH | 1 | rule 1 (round trip): after close and reopen: entry 3 came
      ACCEPTS_GAPS | EPOCH | 2 | rule 2 (sequence): entry 2 appended to an empty journal
      COMPLETES_OUT_OF_ORDER | EPOCH | 3 | rule 3 (completion order): stages must complete in
      CLOSE_DROPS_PENDING | EPOCH | 4 | rule 4 (close): close() returned while the stage of entry
      DROPS_EMPTY_SNAPSHOT | EPOCH | 5 | rule 5 (snapshots): after an empty snapshot at the last
      IGNORES_LIMIT | EPOCH | 6 | rule 6 (entry limit): an entry of 1048577 bytes, over
      SKIPS_FORCE | EPOCH | 7 | rule 7 (crash): after crash 1: the stage of entry
      GOES_ON_AFTER_FAILURE | EPOCH | 8 | rule 8 (failure is final): entry 5, appended after
      RECOVERS_TWICE | EPOCH | 9 | rule 9 (recover once): a second recover() on one journal
      KEEPS_TORN_TAIL | EPOCH | 10 | rule 10 (torn last entry): after TORN_LAST_ENTRY at 20
      SKIPS_CHECKSUM | EPOCH | 11 | rule 11 (corrupt entry): after CORRUPT_ENTRY at 15
      IGNORES_GAPS_ON_RECOVERY | EPOCH | 12 | rule 12 (missing entry): after MISSING_ENTRY at 15
      TRUSTS_DAMAGED_SNAPSHOT | EPOCH | 13 | rule 13 (corrupt snapshot): after CORRUPT_NEWEST
      NOT_EXCLUSIVE | EXCLUSIVE | 14 | rule 14 (exclusive writer): a second journal recovered
      NOT_FENCED | EPOCH | 15 | rule 15 (fencing)
      FENCES_WITHOUT_SAYING | EPOCH | 15 | must say so with a JournalFencedException
      """)
  void flawedJournal_failsExactlyTheRuleItBreaks_withAMessageNamingIt(
      Flaw flaw, Fencing fencing, int rule, String expectedMessage) {
    Map<String, TestExecutionResult> results = run(flaw, fencing);
    String skippedFencing = fencing == Fencing.EPOCH
        ? "optional_rule14_aSecondWriterIsRefusedWhileTheFirstHoldsTheStore"
        : "optional_rule15_aNewerWriterFencesTheOlderOne";
    String test = results.keySet().stream().filter(t -> t.contains("_rule" + rule + "_"))
        .findFirst().orElseThrow(() -> new AssertionError("no test for rule " + rule));

    Map<String, Status> notPassed = failures(results);
    notPassed.remove(skippedFencing);
    assertThat(notPassed).as(results.toString()).containsOnlyKeys(test);
    TestExecutionResult result = results.get(test);
    assertThat(result.getStatus()).isEqualTo(Status.FAILED);
    assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
        .contains(expectedMessage);
  }
}
