package dev.switchboard.channel.providers;

import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.SpiVersion;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;

/**
 * Providers listed in this test module's {@code META-INF/services}: one that works, and one for
 * each way a provider can be broken. Discovery must report them all and survive the broken ones.
 */
public final class TestProviders {

  private TestProviders() {}

  /** Makes in-memory adapters on the channel named by property {@code channel}. */
  public static final class Memory implements ChannelAdapterProvider {
    /** The adapter created last, so a test can play its customers. */
    public static volatile InMemoryChannelAdapter lastCreated;

    @Override
    public String type() {
      return "memory";
    }

    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }

    @Override
    public ChannelAdapter create(AdapterConfig config) {
      lastCreated = new InMemoryChannelAdapter(config.adapterId(), config.require("channel"),
          AdapterTraits.sessions(ChannelTraits.synchronous(3), 2));
      return lastCreated;
    }
  }

  /** Built for a future SPI major version. */
  public static final class FromTheFuture implements ChannelAdapterProvider {
    @Override
    public String type() {
      return "future";
    }

    @Override
    public String spiVersion() {
      return "3.0";
    }

    @Override
    public ChannelAdapter create(AdapterConfig config) {
      throw new AssertionError("an incompatible provider must not be asked to create");
    }
  }

  /** Built for SPI 1.0, which acknowledged inbound messages on a synchronous answer. */
  public static final class FromSpiOne implements ChannelAdapterProvider {
    @Override
    public String type() {
      return "spi-one";
    }

    @Override
    public String spiVersion() {
      return "1.0";
    }

    @Override
    public ChannelAdapter create(AdapterConfig config) {
      throw new AssertionError("an incompatible provider must not be asked to create");
    }
  }

  /** Cannot even be instantiated. */
  public static final class Unloadable implements ChannelAdapterProvider {
    /** Fails, as a provider with a missing dependency would. */
    public Unloadable() {
      throw new IllegalStateException("missing native library");
    }

    @Override
    public String type() {
      return "unloadable";
    }

    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }

    @Override
    public ChannelAdapter create(AdapterConfig config) {
      return null;
    }
  }

  /** Refuses its configuration. */
  public static final class Picky implements ChannelAdapterProvider {
    @Override
    public String type() {
      return "picky";
    }

    @Override
    public String spiVersion() {
      return SpiVersion.CURRENT;
    }

    @Override
    public ChannelAdapter create(AdapterConfig config) {
      config.require("host");
      throw new AssertionError("unreachable in the test");
    }
  }
}
