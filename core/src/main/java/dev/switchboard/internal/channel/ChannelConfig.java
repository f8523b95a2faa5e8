package dev.switchboard.internal.channel;

import dev.switchboard.Channel;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.channel.InboundLimits;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelAdapter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The validated configuration of an engine's channel adapters.
 *
 * @param adapters the registered adapters, in registration order
 * @param resolver links senders to customers
 * @param delivery timeouts, retries and dead letters for replies
 * @param limits flood limits for inbound messages
 * @param deliveryExecutor runs adapters' {@code deliver} calls; empty for a pool per adapter
 * @param lifecycleTimeout how long starting or stopping one adapter is waited for
 */
public record ChannelConfig(List<Registration> adapters, IdentityResolver resolver,
    DeliveryPolicy delivery, InboundLimits limits, Optional<Executor> deliveryExecutor,
    Duration lifecycleTimeout) {

  /** No adapters: the engine works as before. */
  public static final ChannelConfig NONE = new ChannelConfig(List.of(),
      IdentityResolver.inMemory(), DeliveryPolicy.DEFAULT, InboundLimits.DEFAULT,
      Optional.empty(), Duration.ofSeconds(30));

  /** Copies the list. */
  public ChannelConfig {
    adapters = List.copyOf(adapters);
  }

  /**
   * One adapter and where its work goes, with its identity read once at registration (rule 1),
   * so the loop never calls adapter code.
   *
   * @param adapter the adapter
   * @param id its id
   * @param channel the registered channel it serves
   * @param queue the queue new conversations join
   * @param startsOutbound whether it may be asked to start contact with a customer
   */
  public record Registration(ChannelAdapter adapter, String id, Channel channel, String queue,
      boolean startsOutbound) {}
}
