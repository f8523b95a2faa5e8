/**
 * The channel adapter host: {@code ChannelRuntime} (adapters' threads and lifecycle, deliveries on
 * a pool per adapter), {@code HostContext} (inbound checks on the adapter's thread) and {@code
 * ChannelState} (the loop's side: conversations, outbox, dead letters, customers). Adapter-thread
 * classes reach the engine only by sending commands.
 */
package dev.switchboard.internal.host;
