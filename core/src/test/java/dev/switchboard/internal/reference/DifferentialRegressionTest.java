package dev.switchboard.internal.reference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds on which {@link DifferentialTest} once failed, kept so the bug they found stays fixed
 * even if the seed range of the main test moves. Each names the bug in a comment; add a seed here
 * together with a focused test of the bug itself, which is the real guard: a change to the
 * generator changes what a seed does.
 */
class DifferentialRegressionTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {
      28, // removing an agent left its assigned item at a step with no timer (AgentRemovalTest)
      40, // found follow-up ids overflowing; now runs the longest conversation ids allowed
      61, // new conversation past conversationMemory forgotten while live (ConversationMemoryTest)
      2648, // reference lost an assigned item's recent agents when it was handed back
            // (AffinityRoutingTest.recentAgentLeaving_handsTheItemToAnotherRecentAgent)
      1423, // an item kept waiting for a removed owner with both skip options off
            // (AffinityRoutingTest.ownerRemoved_movesHisWaitingWorkOn_evenWhen...)
  })
  void failedSeed_indexedMatchesReference(long seed) {
    DifferentialRun.run(seed);
  }
}
