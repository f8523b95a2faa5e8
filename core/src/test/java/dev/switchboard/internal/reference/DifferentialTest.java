package dev.switchboard.internal.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.SelectionStrategy;
import dev.switchboard.event.RoutingEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The production matcher against the reference matcher on seeded random command sequences over
 * a random configuration matrix (see {@link DifferentialRun}). Raise the count with {@code
 * -Dswitchboard.differential.seeds=100000} (also {@code .firstSeed} and {@code .commands}); a
 * failing seed becomes a regression test in {@code DifferentialRegressionTest}.
 */
class DifferentialTest {

  private static final int SEEDS = Integer.getInteger("switchboard.differential.seeds", 10_000);
  private static final long FIRST_SEED = Long.getLong("switchboard.differential.firstSeed", 0L);
  private static final int COMMANDS =
      Integer.getInteger("switchboard.differential.commands", DifferentialRun.DEFAULT_COMMANDS);

  @Test
  void randomSequences_indexedMatchesReference() {
    List<AssertionError> failures = new ArrayList<>();
    List<Long> failingSeeds = new ArrayList<>();
    for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
      try {
        DifferentialRun.run(seed, COMMANDS);
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

  /** Guards the generator: a differential test that never reaches a branch proves nothing there. */
  @Test
  void randomSequences_reachEveryEventKindStrategyAndRejection() {
    Set<Class<?>> eventKinds = new HashSet<>();
    Set<SelectionStrategy> strategies = new HashSet<>();
    Set<Boolean> skipEmptySteps = new HashSet<>();
    Set<String> outcomes = new HashSet<>();
    for (long seed = 0; seed < 300; seed++) {
      DifferentialRun.Trace trace = DifferentialRun.trace(seed);
      trace.events().forEach(e -> eventKinds.add(e.getClass()));
      strategies.add(trace.strategy());
      skipEmptySteps.add(trace.skipEmptySteps());
      outcomes.addAll(trace.outcomes());
    }
    // channel events come from adapters, which the generator does not drive; the tests in
    // dev.switchboard.channel cover them
    Set<Class<?>> channelEvents = Set.of(RoutingEvent.AdapterHealthChanged.class,
        RoutingEvent.MessageDelivered.class, RoutingEvent.DeliveryFailed.class,
        RoutingEvent.MessageDeadLettered.class);
    assertThat(eventKinds).containsExactlyInAnyOrder(
        Arrays.stream(RoutingEvent.class.getPermittedSubclasses())
            .filter(kind -> !channelEvents.contains(kind)).toArray(Class<?>[]::new));
    assertThat(strategies).containsExactlyInAnyOrder(SelectionStrategy.values());
    assertThat(skipEmptySteps).containsExactlyInAnyOrder(true, false);
    assertThat(outcomes).contains("accepted").contains(Arrays.stream(new Reason[] {
        Reason.UNKNOWN_AGENT, Reason.UNKNOWN_ITEM, Reason.UNKNOWN_QUEUE,
        Reason.UNKNOWN_CONVERSATION, Reason.DUPLICATE_AGENT, Reason.DUPLICATE_ITEM,
        Reason.CONVERSATION_ACTIVE, Reason.WRONG_STATE, Reason.WRONG_AGENT,
        Reason.OVER_CAPACITY, Reason.UNKNOWN_CAMPAIGN, Reason.DUPLICATE_CAMPAIGN})
        .map(r -> "rejected " + r).toArray(String[]::new));
  }

  /**
   * The threaded loop makes the same decisions as the manual one: a few hundred seeds run
   * through the threaded engine as well, each command awaited and the clock moved only between
   * commands, must give the reference's events and outcomes exactly.
   */
  @Test
  void randomSequences_threadedLoopMatchesManual() {
    for (long seed = 1; seed <= 300; seed++) {
      DifferentialRun.runWithThreadedLoop(seed, 40);
    }
  }
}
