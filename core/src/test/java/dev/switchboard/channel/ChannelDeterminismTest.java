package dev.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The channel host is as deterministic as the engine: the same adapter traffic at the same clock
 * readings gives the same events, retries and dead letters included, which is what lets a
 * journal replay it.
 */
class ChannelDeterminismTest {

  @Test
  void sameTraffic_sameClock_sameEvents() {
    List<String> first = run();
    List<String> second = run();

    assertThat(first).hasSizeGreaterThan(30)
        .anySatisfy(e -> assertThat(e).startsWith("DeliveryFailed["))
        .anySatisfy(e -> assertThat(e).startsWith("MessageDeadLettered["))
        .anySatisfy(e -> assertThat(e).startsWith("MessageDelivered["))
        .anySatisfy(e -> assertThat(e).startsWith("CustomersMerged["));
    assertThat(second).isEqualTo(first);
  }

  private static List<String> run() {
    InMemoryChannelAdapter sms = ChannelFixture.smsAdapter("sms-line");
    InMemoryChannelAdapter chat = ChannelFixture.chatAdapter("web-chat");
    IdentityResolver resolver = IdentityResolver.inMemory();
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms).adapter(chat)
        .identityResolver(resolver).deliveryExecutor(Runnable::run)
        .deliveryPolicy(DeliveryPolicy.DEFAULT.withMaxAttempts(2)))) {
      f.agents(Channel.SMS, 2, "ann", "bob");
      f.agents(Channel.CHAT, 2, "cy");
      for (int i = 0; i < 6; i++) {
        sms.customerSends(ChannelIdentity.phone("+1555000100" + i), "+1555000100" + i, "sms " + i);
        chat.customerSends(ChannelIdentity.chat("v" + i), "s" + i, "chat " + i);
        f.advance(Duration.ofSeconds(3));
      }
      sms.failNext(DeliveryException.retryable("busy"), DeliveryException.retryable("busy"),
          DeliveryException.permanent("blocked"));
      for (ItemOffered offer : f.events(ItemOffered.class)) {
        f.ok(f.sb.accept(offer.agentId(), offer.itemId()));
        f.ok(f.sb.channels().reply(offer.agentId(), offer.itemId(), "re " + offer.itemId()));
        f.advance(Duration.ofSeconds(1));
      }
      f.advance(Duration.ofMinutes(1));
      f.ok(f.sb.channels().mergeCustomers(resolver.resolve(ChannelIdentity.chat("v0")),
          resolver.resolve(ChannelIdentity.phone("+15550001000"))));
      return f.events.stream().map(RoutingEvent::toString).toList();
    }
  }
}
