/**
 * The service-provider interface for channel adapters: {@link dev.switchboard.spi.ChannelAdapter}
 * (the contract, with numbered rules), {@link dev.switchboard.spi.ChannelContext} (what the engine
 * gives an adapter), the message value types, {@link dev.switchboard.spi.AbstractChannelAdapter}
 * (a base class owning the lifecycle) and {@link dev.switchboard.spi.ChannelAdapterProvider} (for
 * discovery). This package depends on no other Switchboard module.
 *
 * @since 0.1
 */
package dev.switchboard.spi;
