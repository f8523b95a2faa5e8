package dev.switchboard.internal.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production matcher against the reference matcher on seeded random command sequences over
 * a random configuration matrix (see {@link DifferentialRun}). Raise the count with
 * {@code -Dswitchboard.differential.seeds=100000}; a failing seed becomes a regression test in
 * {@code DifferentialRegressionTest}.
 */
class DifferentialTest {

  private static final int SEEDS = Integer.getInteger("switchboard.differential.seeds", 10_000);
  private static final long FIRST_SEED = Long.getLong("switchboard.differential.firstSeed", 0L);

  @Test
  void randomSequences_indexedMatchesReference() {
    List<AssertionError> failures = new ArrayList<>();
    List<Long> failingSeeds = new ArrayList<>();
    for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      try {
        DifferentialRun.run(seed);
      } catch (AssertionError e) {
        failingSeeds.add(seed);
        if (failures.size() < 3) {
          failures.add(e);
        }
      }
    }
    assertThat(failingSeeds)
        .withFailMessage(() -> failingSeeds.size() + " of " + SEEDS + " seeds failed: "
            + failingSeeds.subList(0, Math.min(20, failingSeeds.size())) + "\n\nfirst failure: "
            + (failures.isEmpty() ? "" : failures.get(0).getMessage()))
        .isEmpty();
  }
}
