/**
 * The routing state machine and the state it owns on the engine loop: {@code RoutingEngine}
 * (items, agents, conversations, steps, offers), {@code LiveItem}, {@code LiveAgent}, {@code
 * Eligibility}, the {@code Matcher} seam the indexes implement, affinity bookkeeping and {@code
 * EngineImages}, which turns the whole state into a {@code StateImage} and back. Touched only on
 * the loop thread; may use the indexes, timers, SLA tracker, blender, channel state and images it
 * drives, never the loop, the journal or the host threads.
 */
package dev.switchboard.internal.engine;
