/**
 * The channel adapters' side, on their own threads: {@code ChannelRuntime} (adapters' lifecycle,
 * deliveries on a pool per adapter), {@code HostContext} (inbound checks on the adapter's thread)
 * and {@code HostPort}, through which they reach the engine loop, only by sending commands. Owns
 * no routing state; may use the loop-owned channel state's configuration and types, never the
 * engine.
 */
package dev.switchboard.internal.host;
