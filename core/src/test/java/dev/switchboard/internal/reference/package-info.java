/**
 * Test oracles for the routing engine (DESIGN.md, "measured, not assumed").
 *
 * <ul>
 *   <li>{@link dev.switchboard.internal.reference.ReferenceMatcher}: the routing decisions by
 *       linear scans over the public model, sharing no code with the indexes;
 *   <li>{@link dev.switchboard.internal.reference.Invariants}: the engine's promises (capacity,
 *       one state per item, work conservation, nothing lost), checked after every step;
 *   <li>{@link dev.switchboard.internal.reference.CheckedEngine}: a manual engine that runs those
 *       checks after every step, for any test to opt in to ({@code
 *       dev.switchboard.TestSwitchboards#checked} from the public builder);
 *   <li>{@link dev.switchboard.internal.reference.DifferentialRun}: one seeded random
 *       configuration and command sequence through both matchers, compared event for event.
 * </ul>
 *
 * <p>A seed that fails {@code DifferentialTest} goes into {@code DifferentialRegressionTest}
 * with a focused test of the bug it found.
 */
package dev.switchboard.internal.reference;
