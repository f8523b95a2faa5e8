package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.Presence;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The centre starts contact through an adapter that allows it; the answer goes to the writer. */
class OutboundContactTest {

  private static final ChannelIdentity ERIN = ChannelIdentity.phone("+15550005555");

  private final InMemoryChannelAdapter sms = new InMemoryChannelAdapter("sms-line", "sms",
      AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)).withOutbound());
  private final InMemoryChannelAdapter chat = chatAdapter("web-chat");
  private final ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms).adapter(chat)
      .deliveryExecutor(Runnable::run));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void startContact_isDelivered_andTheCustomersAnswerGoesToTheAgentWhoWrote() {
    f.agents(Channel.SMS, 5, "ann", "bob");
    String deliveryId = f.ok(f.sb.channels().startContact("sms-line", ERIN, "+15550005555",
        "bob", "Your appointment is tomorrow at 10. Reply to change it."));
    f.ok(f.sb.setPresence("bob", Presence.away("break")));
    f.ok(f.sb.setPresence("bob", Presence.AVAILABLE)); // ann is longest idle now
    f.advance(Duration.ofMinutes(5));

    sms.customerSends(ERIN, "+15550005555", "Can we make it 11?");
    f.sb.drain();

    assertThat(sms.sent()).singleElement().satisfies(m -> {
      assertThat(m.deliveryId()).isEqualTo(deliveryId);
      assertThat(m.recipient()).isEqualTo(ERIN);
      assertThat(m.agentId()).isEqualTo("bob");
    });
    assertThat(f.events(MessageDelivered.class)).hasSize(1);
    assertThat(f.events(ItemOffered.class)).singleElement()
        .satisfies(e -> assertThat(e.agentId()).isEqualTo("bob"));
    String erin = f.sb.channels().identities().resolve(ERIN);
    assertThat(f.ok(f.sb.channels().conversations(erin)))
        .containsExactly("sms-line:+15550005555");
  }

  @Test
  void startContact_throughAnAdapterThatOnlyAnswers_isRejected() {
    Throwable t = catchThrowable(() -> f.ok(f.sb.channels().startContact("web-chat",
        ChannelIdentity.chat("zoe"), "new-session", "", "hello")));

    CommandRejectedException e = (CommandRejectedException) t.getCause();
    assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
    assertThat(e).hasMessageContaining("adapter 'web-chat' does not start outbound contact");
    assertThat(chat.sent()).isEmpty();
  }

  @Test
  void startContact_throughAnUnknownAdapter_isRejectedNamingTheKnownOnes() {
    Throwable t = catchThrowable(() -> f.ok(f.sb.channels().startContact("fax", ERIN, "k", "",
        "hello")));

    assertThat(t.getCause()).isInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("adapter 'fax' is not registered; registered adapters: [sms-line,"
            + " web-chat]");
  }
}
