package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Switchboard;
import dev.switchboard.channel.MisbehavingAdapter.Misbehaviour;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Channel options are checked when set, naming the option and what is allowed. */
class ChannelConfigurationTest {

  @Test
  void twoAdaptersWithOneId_areRefused() {
    assertThatThrownBy(() -> Switchboard.builder().adapter(chatAdapter("desk"))
        .adapter(chatAdapter("desk")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adapter 'desk' is already registered");
  }

  @Test
  void adapterSendingWorkToAnUnconfiguredQueue_isRefusedAtBuild() {
    assertThatThrownBy(() -> Switchboard.builder().adapter(chatAdapter("desk"), "vip")
        .buildManual())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adapter 'desk' sends work to queue 'vip', which is not configured;"
            + " configured queues: []");
  }

  @Test
  void adapterOnAnInvalidChannelId_isRefused() {
    ChannelAdapter shouting = new ChannelAdapter() {
      @Override
      public String id() {
        return "desk";
      }

      @Override
      public String channelId() {
        return "E-Mail";
      }

      @Override
      public AdapterTraits traits() {
        return AdapterTraits.sessions(ChannelTraits.synchronous(1), 1);
      }

      @Override
      public void start(ChannelContext context) {}

      @Override
      public CompletionStage<DeliveryReceipt> deliver(OutboundMessage message) {
        return CompletableFuture.failedFuture(DeliveryException.permanent("never"));
      }

      @Override
      public void stop() {}
    };
    assertThatThrownBy(() -> Switchboard.builder().adapter(shouting))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("channel id 'E-Mail' is not allowed: use 1 to 32 characters of [a-z0-9_-]");
  }

  @Test
  void channelOptions_areSetOnce() {
    assertThatThrownBy(() -> Switchboard.builder().deliveryPolicy(DeliveryPolicy.DEFAULT)
        .deliveryPolicy(DeliveryPolicy.DEFAULT))
        .isInstanceOf(IllegalStateException.class).hasMessage("deliveryPolicy was already set");
    assertThatThrownBy(() -> Switchboard.builder().inboundLimits(InboundLimits.DEFAULT)
        .inboundLimits(InboundLimits.DEFAULT))
        .hasMessage("inboundLimits was already set");
  }

  @Test
  void policyAndLimits_refuseImpossibleValues() {
    assertThatThrownBy(() -> DeliveryPolicy.DEFAULT.withMaxAttempts(0))
        .hasMessage("maxAttempts is 0; allowed: 1 to 100");
    assertThatThrownBy(() -> DeliveryPolicy.DEFAULT.withBackoff(Duration.ofMinutes(2),
        Duration.ofMinutes(1)))
        .hasMessage("maxBackoff PT1M is shorter than firstBackoff PT2M; it must be at least as"
            + " long");
    assertThatThrownBy(() -> InboundLimits.DEFAULT.withSenderLimit(5, Duration.ZERO))
        .hasMessage("senderWindow is PT0S; it must be positive");
    assertThatThrownBy(() -> InboundLimits.DEFAULT.withQueueCapacity(0))
        .hasMessage("queueCapacity must be at least 1, was 0");
  }

  @Test
  void backoff_doublesUpToItsMaximum() {
    DeliveryPolicy p = DeliveryPolicy.DEFAULT.withBackoff(Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.backoffAfter(4)).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.backoffAfter(99)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void afterTheEngineCloses_anAdapterStillReporting_isRejectedWithTheReason() {
    MisbehavingAdapter late = new MisbehavingAdapter("late-sms", Misbehaviour.BLOCKS_IN_STOP);
    late.release(); // stops at once
    ChannelFixture f = ChannelFixture.of(b -> b.adapter(late));
    f.close();

    InboundResult r = late.customerSends(ChannelIdentity.phone("+15550009999"), "hello?")
        .toCompletableFuture().getNow(null);

    assertThat(r.status()).isEqualTo(InboundResult.Status.REJECTED);
    assertThat(r.reason()).isEqualTo("adapter 'late-sms' is stopped");
  }

  @Test
  void engineWithoutAdapters_hasAnEmptyChannelHost() {
    try (ChannelFixture f = ChannelFixture.of(b -> b)) {
      assertThat(f.status()).isEmpty();
      assertThat(f.ok(f.sb.channels().deadLetters())).isEmpty();
    }
  }
}
