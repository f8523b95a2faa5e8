package dev.switchboard.internal.loop;

import dev.switchboard.channel.DeadLetter;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.internal.host.HostPort;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The channel runtime's way onto the loop: each call becomes one {@link Command}. */
final class LoopHostPort implements HostPort {

  private final AbstractSwitchboard engine;

  LoopHostPort(AbstractSwitchboard engine) {
    this.engine = engine;
  }

  @Override
  public CompletionStage<Boolean> inbound(String adapterId, String idempotencyKey,
      String conversationId, String conversationKey, ChannelIdentity sender, String customerId,
      Map<String, Object> attributes) {
    return engine.send(new Command.ChannelInbound(adapterId, idempotencyKey, conversationId,
        conversationKey, sender, customerId, attributes));
  }

  @Override
  public CompletionStage<String> reply(String agentId, String itemId, String body) {
    return engine.send(new Command.ChannelReply(agentId, itemId, body));
  }

  @Override
  public CompletionStage<String> contact(String adapterId, String conversationKey,
      ChannelIdentity recipient, String customerId, String agentId, String body) {
    return engine.send(new Command.ChannelContact(adapterId, conversationKey, recipient,
        customerId, agentId, body));
  }

  @Override
  public void deliveryOutcome(String deliveryId, int attempt, boolean delivered,
      boolean retryable, String detail, String providerMessageId) {
    engine.sendAlways(new Command.DeliveryOutcome(deliveryId, attempt, delivered, retryable, detail,
        providerMessageId));
  }

  @Override
  public CompletionStage<Void> health(String adapterId, Health health) {
    return engine.sendAlways(new Command.AdapterHealth(adapterId, health));
  }

  @Override
  public CompletionStage<Void> merge(String survivorId, String mergedId,
      Set<ChannelIdentity> moved) {
    return engine.send(new Command.MergeCustomers(mergedId, survivorId, Set.copyOf(moved)));
  }

  @Override
  public CompletionStage<List<DeadLetter>> deadLetters() {
    return engine.send(new Command.ReadDeadLetters());
  }

  @Override
  public CompletionStage<Map<String, ChannelState.OutboundCounts>> counts() {
    return engine.send(new Command.ReadChannelCounts());
  }

  @Override
  public CompletionStage<List<String>> conversations(String customerId) {
    return engine.send(new Command.ReadCustomerConversations(customerId));
  }

  @Override
  public void closeChannels() {
    engine.sendAlways(new Command.CloseChannels());
  }
}
