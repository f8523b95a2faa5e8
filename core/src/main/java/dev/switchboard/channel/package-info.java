/**
 * The host side of channel adapters: {@link dev.switchboard.channel.ChannelHost} (agents' replies,
 * dead letters, adapter status, customer merges), the delivery and inbound limits configured on
 * the builder, and {@link dev.switchboard.channel.AdapterDiscovery} for ServiceLoader discovery.
 * Adapters themselves are written against {@code dev.switchboard.spi}.
 *
 * @since 0.1
 */
package dev.switchboard.channel;
