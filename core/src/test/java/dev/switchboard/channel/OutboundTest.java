package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static dev.switchboard.channel.ChannelFixture.smsAdapter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent.AdapterHealthChanged;
import dev.switchboard.event.RoutingEvent.DeliveryFailed;
import dev.switchboard.event.RoutingEvent.MessageDeadLettered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agents' replies leave through the adapter owning the conversation; failures are retried with
 * backoff on the engine clock; what cannot be delivered is dead-lettered with an event and kept.
 */
class OutboundTest {

  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");
  private static final ChannelIdentity BOB = ChannelIdentity.phone("+15550002222");

  private final InMemoryChannelAdapter chat = chatAdapter("web-chat");
  private final InMemoryChannelAdapter sms = smsAdapter("sms-line");
  private final ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat).adapter(sms)
      .deliveryExecutor(Runnable::run)
      .deliveryPolicy(DeliveryPolicy.DEFAULT.withMaxAttempts(3)
          .withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60))
          .withAttemptTimeout(Duration.ofSeconds(10))));

  @AfterEach
  void close() {
    f.close();
  }

  /** Alice writes on chat, ann takes it; returns the item id. */
  private String annHasAlice() {
    f.agents(Channel.CHAT, 3, "ann");
    chat.customerSends(ALICE, "session-1", "hello");
    f.sb.drain();
    f.ok(f.sb.accept("ann", "web-chat:session-1#1"));
    return "web-chat:session-1#1";
  }

  @Test
  void reply_leavesThroughTheAdapterThatOwnsTheConversation() {
    String item = annHasAlice();

    String deliveryId = f.ok(f.sb.channels().reply("ann", item, "hi Alice, looking now"));

    assertThat(chat.sent()).singleElement().satisfies(m -> {
      assertThat(m.deliveryId()).isEqualTo(deliveryId);
      assertThat(m.recipient()).isEqualTo(ALICE);
      assertThat(m.conversationKey()).isEqualTo("session-1");
      assertThat(m.agentId()).isEqualTo("ann");
      assertThat(m.body()).isEqualTo("hi Alice, looking now");
    });
    assertThat(sms.sent()).isEmpty();
    assertThat(f.events(MessageDelivered.class)).singleElement().satisfies(e -> {
      assertThat(e.deliveryId()).isEqualTo(deliveryId);
      assertThat(e.adapterId()).isEqualTo("web-chat");
      assertThat(e.attempt()).isEqualTo(1);
    });
    assertThat(f.status("web-chat").delivered()).isEqualTo(1);
  }

  @Test
  void retryableFailure_isRetriedWithDoublingBackoff_onTheEngineClock() {
    String item = annHasAlice();
    chat.failNext(DeliveryException.retryable("provider throttled"),
        DeliveryException.retryable("provider throttled"));

    String deliveryId = f.ok(f.sb.channels().reply("ann", item, "hi"));

    assertThat(f.events(DeliveryFailed.class)).singleElement().satisfies(e -> {
      assertThat(e.attempt()).isEqualTo(1);
      assertThat(e.reason()).isEqualTo("provider throttled");
      assertThat(e.retryAt()).isEqualTo(f.clock.instant().plusSeconds(2));
    });
    f.advance(Duration.ofMillis(1999));
    assertThat(f.events(DeliveryFailed.class)).hasSize(1);
    f.advance(Duration.ofMillis(1));
    assertThat(f.events(DeliveryFailed.class)).last()
        .satisfies(e -> assertThat(e.retryAt()).isEqualTo(f.clock.instant().plusSeconds(4)));
    f.advance(Duration.ofSeconds(4));

    assertThat(chat.sent()).singleElement()
        .satisfies(m -> assertThat(m.attempt()).isEqualTo(3));
    assertThat(f.events(MessageDelivered.class)).singleElement().satisfies(e -> {
      assertThat(e.deliveryId()).isEqualTo(deliveryId);
      assertThat(e.attempt()).isEqualTo(3);
    });
    assertThat(f.status("web-chat").failedAttempts()).isEqualTo(2);
  }

  @Test
  void permanentFailure_isDeadLetteredAtOnce_withAnEvent_andKeptForInspection() {
    String item = annHasAlice();
    chat.failNext(DeliveryException.permanent("recipient blocked the centre"));

    String deliveryId = f.ok(f.sb.channels().reply("ann", item, "hi"));

    assertThat(f.events(DeliveryFailed.class)).isEmpty();
    DeadLetter letter = f.events(MessageDeadLettered.class).get(0).deadLetter();
    assertThat(letter.deliveryId()).isEqualTo(deliveryId);
    assertThat(letter.reason()).contains("permanent").contains("recipient blocked the centre");
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.body()).isEqualTo("hi");
    assertThat(letter.recipient()).isEqualTo(ALICE);
    assertThat(f.ok(f.sb.channels().deadLetters())).containsExactly(letter);
    assertThat(f.status("web-chat").deadLettered()).isEqualTo(1);
  }

  @Test
  void retryableFailures_untilAttemptsRunOut_areDeadLettered() {
    String item = annHasAlice();
    chat.failNext(DeliveryException.retryable("down"), DeliveryException.retryable("down"),
        DeliveryException.retryable("still down"));

    f.ok(f.sb.channels().reply("ann", item, "hi"));
    f.advance(Duration.ofSeconds(2));
    f.advance(Duration.ofSeconds(4));

    assertThat(f.events(DeliveryFailed.class)).hasSize(2);
    assertThat(f.ok(f.sb.channels().deadLetters())).singleElement().satisfies(d -> {
      assertThat(d.attempts()).isEqualTo(3);
      assertThat(d.reason()).isEqualTo("gave up after 3 attempts; last: still down");
    });
    assertThat(chat.sent()).isEmpty();
  }

  @Test
  void deliveryWithNoResult_timesOutOnTheEngineClock_andIsRetried() {
    String item = annHasAlice();
    chat.holdDeliveries();

    f.ok(f.sb.channels().reply("ann", item, "hi"));
    f.advance(Duration.ofSeconds(9));
    assertThat(f.events(DeliveryFailed.class)).isEmpty();
    chat.releaseDeliveries(); // too late for nothing: the result arrives before the timeout
    f.sb.drain();

    assertThat(f.events(MessageDelivered.class)).hasSize(1);
    chat.holdDeliveries();
    f.ok(f.sb.channels().reply("ann", item, "anything else?"));
    f.advance(Duration.ofSeconds(10));

    assertThat(f.events(DeliveryFailed.class)).singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("no result within PT10S"));
    chat.releaseDeliveries(); // so closing does not wait for the adapter to drain
  }

  @Test
  void lateResult_ofATimedOutAttempt_isIgnored_andTheRetryCounts() {
    String item = annHasAlice();
    chat.holdDeliveries();
    f.ok(f.sb.channels().reply("ann", item, "hi"));
    f.advance(Duration.ofSeconds(10)); // attempt 1 times out; retry due in 2 s
    chat.releaseDeliveries(); // attempt 1's result comes late
    f.sb.drain();

    assertThat(f.events(MessageDelivered.class)).isEmpty();
    f.advance(Duration.ofSeconds(2)); // attempt 2: the in-memory adapter sends each id once

    assertThat(f.events(MessageDelivered.class)).singleElement()
        .satisfies(e -> assertThat(e.attempt()).isEqualTo(2));
    assertThat(chat.sent()).hasSize(1);
  }

  @Test
  void replyToADownAdapter_waitsUntilItIsUp_thenLeaves() {
    String item = annHasAlice();
    chat.reportHealth(Health.down("provider unreachable"));
    f.sb.drain();

    f.ok(f.sb.channels().reply("ann", item, "hi"));
    f.advance(Duration.ofMinutes(10));
    assertThat(chat.sent()).isEmpty();
    assertThat(f.status("web-chat").pendingDeliveries()).isEqualTo(1);

    chat.reportHealth(Health.up());
    f.sb.drain();

    assertThat(chat.sent()).hasSize(1);
    assertThat(f.events(AdapterHealthChanged.class)).extracting(e -> e.health().status())
        .containsExactly(Health.Status.UP, Health.Status.UP, Health.Status.DOWN,
            Health.Status.UP);
  }

  @Test
  void close_deadLettersRepliesStillPending_soNoneIsLostUnseen() {
    String item = annHasAlice();
    chat.reportHealth(Health.down("provider unreachable"));
    f.sb.drain();
    f.ok(f.sb.channels().reply("ann", item, "hi"));

    f.sb.close();

    assertThat(f.events(MessageDeadLettered.class)).singleElement().satisfies(e ->
        assertThat(e.deadLetter().reason()).contains("engine closed"));
  }

  @Test
  void reply_onSomeoneElsesItem_isRejected_andSendsNothing() {
    String item = annHasAlice();
    f.agents(Channel.CHAT, 3, "bob");

    Throwable t = catchThrowable(() -> f.ok(f.sb.channels().reply("bob", item, "hi")));

    assertThat(t).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(CommandRejectedException.class)
        .hasMessageContaining("agent 'bob' cannot reply on item '" + item
            + "': it is held by agent 'ann'");
    assertThat(((CommandRejectedException) t.getCause()).reason()).isEqualTo(Reason.WRONG_AGENT);
    assertThat(chat.sent()).isEmpty();
  }

  @Test
  void reply_onAnOfferNotYetAccepted_isRejected() {
    f.agents(Channel.CHAT, 3, "ann");
    chat.customerSends(ALICE, "session-1", "hello");
    f.sb.drain();

    Throwable t = catchThrowable(() ->
        f.ok(f.sb.channels().reply("ann", "web-chat:session-1#1", "hi")));

    assertThat(((CommandRejectedException) t.getCause()).reason())
        .isEqualTo(Reason.WRONG_STATE);
    assertThat(t.getCause()).hasMessageContaining("it is OFFERED; allowed: ASSIGNED");
  }

  @Test
  void reply_onWorkThatDidNotComeThroughAnAdapter_isRejected() {
    f.agents(Channel.CHAT, 3, "ann");
    f.ok(f.sb.submit(WorkItem.builder("ticket-1", Channel.CHAT).customer("c1").build()));
    f.ok(f.sb.accept("ann", "ticket-1"));

    Throwable t = catchThrowable(() -> f.ok(f.sb.channels().reply("ann", "ticket-1", "hi")));

    assertThat(((CommandRejectedException) t.getCause()).reason())
        .isEqualTo(Reason.UNKNOWN_CONVERSATION);
  }

  @Test
  void reply_withBadArguments_isRefusedOnTheCallersThread() {
    assertThatThrownBy(() -> f.sb.channels().reply("ann", "item", null))
        .isInstanceOf(NullPointerException.class).hasMessage("body");
    assertThatThrownBy(() -> f.sb.channels().reply(" ", "item", "hi"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("agentId must not be blank");
    assertThatThrownBy(() -> f.sb.channels().reply("ann", "item", "x".repeat(1_000_001)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body is 1000001 characters long; at most 1000000");
  }

  @Test
  void smsReply_goesToThePhoneNumber_throughTheSmsAdapter() {
    f.agents(Channel.SMS, 5, "cy");
    sms.customerSends(BOB, "+15550002222", "where is my parcel");
    f.sb.drain();
    f.ok(f.sb.accept("cy", "sms-line:+15550002222#1"));

    f.ok(f.sb.channels().reply("cy", "sms-line:+15550002222#1", "on its way"));

    assertThat(sms.sent()).extracting(OutboundMessage::recipient).containsExactly(BOB);
    assertThat(chat.sent()).isEmpty();
  }
}
