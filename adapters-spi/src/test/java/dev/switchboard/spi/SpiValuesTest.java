package dev.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SPI's values refuse bad input with messages naming the field, the value and what is allowed. */
class SpiValuesTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  @Test
  void identities_areNormalised() {
    assertThat(ChannelIdentity.email("  Ada@Example.COM ").value()).isEqualTo("ada@example.com");
    assertThat(ChannelIdentity.phone("+44 (20) 7946-0958").value()).isEqualTo("+442079460958");
    assertThat(ChannelIdentity.chat(" visitor-9 ")).hasToString("chat:visitor-9");
  }

  @Test
  void malformedIdentities_areRefused() {
    assertThatThrownBy(() -> ChannelIdentity.email("ada.example.com"))
        .hasMessage("email address 'ada.example.com' is not an address: expected"
            + " local-part@domain without spaces");
    assertThatThrownBy(() -> ChannelIdentity.phone("555-1234"))
        .hasMessageContaining("is not in E.164 form");
    assertThatThrownBy(() -> new ChannelIdentity("E-Mail", "x"))
        .hasMessage("scheme 'E-Mail' is not allowed: use 1 to 64 characters of [a-z0-9_-]");
    assertThatThrownBy(() -> ChannelIdentity.chat("bad\u0000handle"))
        .hasMessage("chat handle 'bad\\u0000handle' contains a control character at index 3;"
            + " none are allowed");
  }

  @Test
  void inboundMessage_needsSenderKeysAndTime_andBoundsItsSize() {
    InboundMessage.Builder ok = InboundMessage.builder().sender(ChannelIdentity.chat("ada"))
        .conversationKey("s1").body("hi").receivedAt(T0).idempotencyKey("m1");
    assertThat(ok.build().attachments()).isEmpty();

    assertThatThrownBy(() -> InboundMessage.builder().conversationKey("s1").receivedAt(T0)
        .idempotencyKey("m1").build()).isInstanceOf(NullPointerException.class)
        .hasMessage("sender must not be null");
    assertThatThrownBy(() -> ok.idempotencyKey(" ").build())
        .hasMessage("idempotencyKey must not be blank");
    assertThatThrownBy(() -> ok.idempotencyKey("m1").body("x".repeat(1_000_001)).build())
        .hasMessage("body is 1000001 characters long; at most 1000000 are allowed");
    assertThatThrownBy(() -> new Attachment("a.png", "image/png", -1, "ref"))
        .hasMessage("attachment sizeBytes must not be negative, was -1");
  }

  @Test
  void results_andHealth_carryReasonsWhereNeeded() {
    assertThat(InboundResult.accepted().owned()).isTrue();
    assertThat(InboundResult.duplicate("seen").owned()).isTrue();
    assertThat(InboundResult.rejected("full").owned()).isFalse();
    assertThatThrownBy(() -> InboundResult.rejected(" "))
        .hasMessage("a REJECTED result needs a reason");
    assertThatThrownBy(() -> Health.down("")).hasMessage("health DOWN needs a reason");
  }

  @Test
  void singleLogonTraits_allowExactlyOneSession() {
    assertThat(AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)).maxConcurrentSessions())
        .isEqualTo(1);
    assertThatThrownBy(() -> new AdapterTraits(ChannelTraits.asynchronous(5).withSingleLogon(), 3,
        false)).hasMessage("maxConcurrentSessions is 3 but the channel is single-logon, which"
            + " allows exactly 1 session");
  }

  @Test
  void spiVersions_areCompatibleWithinAMajor_upToTheHostsMinor() {
    assertThat(SpiVersion.compatible("1.0", "1.2")).isTrue();
    assertThat(SpiVersion.compatible("1.3", "1.2")).isFalse();
    assertThat(SpiVersion.compatible("2.0", "1.9")).isFalse();
    assertThatThrownBy(() -> SpiVersion.compatible("v1", "1.0"))
        .hasMessage("providerVersion 'v1' is not a version: use major.minor, e.g. 2.0");
    assertThat(SpiVersion.compatible("1.0", SpiVersion.CURRENT))
        .as("a 1.x adapter acknowledged on a synchronous answer; 2.0 refuses it").isFalse();
  }

  @Test
  void adapterConfig_namesTheKeyAndTheAllowedValues() {
    AdapterConfig c = AdapterConfig.of("mailbox", Map.of("port", "99999", "poll", "soon"));
    assertThatThrownBy(() -> c.require("host"))
        .hasMessage("adapter 'mailbox' needs property 'host', which is not set");
    assertThatThrownBy(() -> c.intValue("port", 993, 1, 65535))
        .hasMessage("adapter 'mailbox' property 'port' is '99999'; expected an integer from 1 to"
            + " 65535");
    assertThatThrownBy(() -> c.duration("poll", Duration.ofSeconds(30)))
        .hasMessage("adapter 'mailbox' property 'poll' is 'soon'; expected a positive ISO-8601"
            + " duration such as PT30S");
    assertThat(c.intValue("timeout", 5, 1, 10)).isEqualTo(5);
  }

  @Test
  void deliveryFailures_sayWhetherARetryMayHelp() {
    assertThat(DeliveryException.retryable("throttled").retryable()).isTrue();
    assertThat(DeliveryException.permanent("no such user").retryable()).isFalse();
  }
}
