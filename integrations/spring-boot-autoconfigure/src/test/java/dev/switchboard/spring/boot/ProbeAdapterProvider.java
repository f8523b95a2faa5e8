package dev.switchboard.spring.boot;

import dev.switchboard.spi.AdapterConfig;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelAdapterProvider;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.SpiVersion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A provider of type {@code probe} for the tests: its adapter serves channel {@code chat} and
 * reports the health its {@code health} property names ({@code up} or a reason to be down).
 */
public final class ProbeAdapterProvider implements ChannelAdapterProvider {

  @Override
  public String type() {
    return "probe";
  }

  @Override
  public String spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public ChannelAdapter create(AdapterConfig config) {
    String health = config.get("health", "up");
    if (health.equals("explode")) {
      throw new IllegalArgumentException("health 'explode' is not a health");
    }
    return new ChannelAdapter() {
      @Override
      public String id() {
        return config.adapterId();
      }

      @Override
      public String channelId() {
        return "chat";
      }

      @Override
      public AdapterTraits traits() {
        return AdapterTraits.sessions(ChannelTraits.synchronous(3), 1);
      }

      @Override
      public void start(ChannelContext context) {
        context.health(health.equals("up") ? Health.up() : Health.down(health));
      }

      @Override
      public CompletionStage<DeliveryReceipt> deliver(OutboundMessage message) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("probe"));
      }

      @Override
      public void stop() {}
    };
  }
}
