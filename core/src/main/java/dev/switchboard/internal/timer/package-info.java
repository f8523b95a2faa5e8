/**
 * The engine's deadlines: {@code DeadlineQueue}, an indexed binary heap of {@code Timer}s (offer
 * timeouts, steps, wrap-up, SLA, campaign pacing, host retries). Touches nothing else; driven by
 * the loop.
 */
package dev.switchboard.internal.timer;
