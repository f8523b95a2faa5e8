/**
 * The service-provider interface for channel adapters. It depends on no other Switchboard
 * module, so an adapter can be built against it alone.
 */
module dev.switchboard.spi {
  exports dev.switchboard.spi;
  exports dev.switchboard.spi.memory;
}
