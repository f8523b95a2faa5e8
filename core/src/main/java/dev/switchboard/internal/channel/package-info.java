/**
 * The channels' state, owned by the engine loop: which adapter owns each conversation, replies
 * being delivered with their timeout and retry timers, dead letters, adapters' health, customers'
 * histories across channels ({@code ChannelState}) and its configuration. Reaches
 * the engine only through {@code ChannelState.EnginePort}, which the engine implements, so a
 * customer's message runs one way: adapter thread, loop, engine, channels, admission, router.
 */
package dev.switchboard.internal.channel;
