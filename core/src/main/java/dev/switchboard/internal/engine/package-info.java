/**
 * The routing state machine and the state it owns on the engine loop: {@code RoutingEngine}
 * (items, agents, conversations, steps, offers), {@code LiveItem}, {@code LiveAgent}, {@code
 * Eligibility}, the {@code Matcher} seam the indexes implement, affinity bookkeeping and {@code
 * StateImage}, the whole state as values. Touched only on the loop thread; may use the indexes,
 * timers, SLA tracker, blender and channel state it drives, never the loop or the host threads.
 */
package dev.switchboard.internal.engine;
