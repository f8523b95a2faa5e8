package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.calendar.AfterHours;
import dev.switchboard.calendar.BusinessCalendar;
import dev.switchboard.event.RoutingEvent.ItemHeld;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A queue that answers after hours: a chat arriving while it is closed gets the automatic reply
 * through the adapter it came in on, from no agent, and waits held until the queue opens; a
 * follow-up meanwhile joins the held item and is not answered twice.
 */
class AfterHoursReplyTest {

  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");
  /** Open weekdays 08:00 to 18:00 UTC; the fixture starts Monday 5 January 2026, 09:00 UTC. */
  private static final BusinessCalendar DAYTIME = BusinessCalendar.builder("daytime",
      ZoneOffset.UTC).open(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, "08:00-18:00").build();
  private static final Instant MONDAY_NIGHT = Instant.parse("2026-01-05T22:00:00Z");
  private static final Instant TUESDAY_OPENING = Instant.parse("2026-01-06T08:00:00Z");
  private static final String MESSAGE = "Thanks! We are closed now and answer from 08:00 UTC.";

  private final InMemoryChannelAdapter chat = chatAdapter("web-chat");
  private final ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat, "support")
      .queue("support", RoutingPolicy.DEFAULT).calendar(DAYTIME)
      .queueHours("support", "daytime", AfterHours.autoReply(MESSAGE))
      .deliveryExecutor(Runnable::run));

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aChatAfterHours_isAnsweredThroughItsAdapter_andHeldUntilOpening() {
    f.agents(Channel.CHAT, 3, "ann");
    f.clock.set(MONDAY_NIGHT);
    f.accepted(chat.customerSends(ALICE, "session-1", "hello?"));
    String item = "web-chat:session-1#1";

    assertThat(chat.sent()).singleElement().satisfies(m -> {
      assertThat(m.body()).isEqualTo(MESSAGE);
      assertThat(m.recipient()).isEqualTo(ALICE);
      assertThat(m.conversationKey()).isEqualTo("session-1");
      assertThat(m.agentId()).as("sent by the centre, not an agent").isEmpty();
    });
    assertThat(f.events(ItemHeld.class)).singleElement().satisfies(h -> {
      assertThat(h.itemId()).isEqualTo(item);
      assertThat(h.autoReply()).contains(chat.sent().get(0).deliveryId());
      assertThat(h.opensAt()).contains(TUESDAY_OPENING);
    });
    assertThat(f.events(MessageDelivered.class)).hasSize(1);
    assertThat(f.snapshot().item(item).orElseThrow().state()).isEqualTo(ItemState.HELD);

    f.accepted(chat.customerSends(ALICE, "session-1", "anyone there?"));
    assertThat(chat.sent()).as("a follow-up is not answered again").hasSize(1);

    f.advance(Duration.between(MONDAY_NIGHT, TUESDAY_OPENING));
    assertThat(f.events(ItemOffered.class)).singleElement().satisfies(o -> {
      assertThat(o.itemId()).isEqualTo(item);
      assertThat(o.agentId()).isEqualTo("ann");
      assertThat(o.at()).isEqualTo(TUESDAY_OPENING);
    });
  }

  @Test
  void aChatWhileOpen_getsNoAutomaticReply() {
    f.agents(Channel.CHAT, 3, "ann");
    f.accepted(chat.customerSends(ALICE, "session-1", "hello?"));
    assertThat(chat.sent()).isEmpty();
    assertThat(f.events(ItemOffered.class)).hasSize(1);
  }
}
