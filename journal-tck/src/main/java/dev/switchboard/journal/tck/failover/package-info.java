/**
 * The failover checker shared by the clustered journals' tests: {@link
 * dev.switchboard.journal.tck.failover.FailoverHarness} runs three nodes under a seeded schedule
 * of faults and checks the run, {@link dev.switchboard.journal.tck.failover.NodeProcess} runs a
 * node in a JVM of its own (to be killed, paused and resumed), {@link
 * dev.switchboard.journal.tck.failover.FailoverNode} is what every node serves and records, {@link
 * dev.switchboard.journal.tck.failover.FailoverClient} sends numbered commands and records how
 * each ended, {@link dev.switchboard.journal.tck.failover.FailoverWorkload} is a domain's client
 * loop and {@link dev.switchboard.journal.tck.failover.FailoverChecker} holds a run to the rules,
 * reading the store through a {@link
 * dev.switchboard.journal.tck.failover.FailoverChecker.Log}. See {@code docs/scaling-out.md},
 * "Failover with real processes".
 *
 * @since 0.3
 */
package dev.switchboard.journal.tck.failover;
