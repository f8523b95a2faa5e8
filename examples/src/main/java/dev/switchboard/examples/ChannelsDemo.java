package dev.switchboard.examples;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.channel.InboundLimits;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The channel adapters at work, told as a story on a manual clock: one customer across SMS, email
 * and chat keeps her agent; a flood is refused; a throttled provider is retried; an undeliverable
 * reply is dead-lettered. Uses the in-memory adapters, so it needs no network.
 */
final class ChannelsDemo {

  private static final ChannelIdentity DANA_PHONE = ChannelIdentity.phone("+15550003333");
  private static final ChannelIdentity DANA_MAIL = ChannelIdentity.email("dana@example.com");
  private static final ChannelIdentity DANA_CHAT = ChannelIdentity.chat("dana_w");

  private final PrintStream out;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T09:00:00Z"));
  private final List<RoutingEvent> events = new ArrayList<>();
  private final InMemoryChannelAdapter sms = new InMemoryChannelAdapter("sms-line", "sms",
      AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)));
  private final InMemoryChannelAdapter email = new InMemoryChannelAdapter("mailbox", "email",
      AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)));
  private final InMemoryChannelAdapter chat = new InMemoryChannelAdapter("web-chat", "chat",
      AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
  private final IdentityResolver identities = IdentityResolver.inMemory();

  ChannelsDemo(PrintStream out) {
    this.out = out;
  }

  void run() {
    try (ManualSwitchboard sb = Switchboard.builder().clock(clock).listener(events::add)
        .adapter(sms).adapter(email).adapter(chat).identityResolver(identities)
        .deliveryExecutor(Runnable::run)
        .deliveryPolicy(DeliveryPolicy.DEFAULT.withMaxAttempts(3))
        .inboundLimits(InboundLimits.DEFAULT.withSenderLimit(5, Duration.ofMinutes(1)))
        .buildManual()) {
      for (String agent : List.of("ann", "bob")) {
        ok(sb, sb.addAgent(Agent.builder(agent).capacity(Channel.SMS, 5)
            .capacity(Channel.EMAIL, 5).capacity(Channel.CHAT, 3).build()));
        ok(sb, sb.setPresence(agent, Presence.AVAILABLE));
        clock.advance(Duration.ofSeconds(1));
      }
      String dana = identities.resolve(DANA_PHONE);
      identities.link(DANA_MAIL, dana);
      identities.link(DANA_CHAT, dana);
      out.println("Dana (" + dana + ") is known by " + identities.identities(dana).size()
          + " identities: " + DANA_PHONE + ", " + DANA_MAIL + ", " + DANA_CHAT);

      converse(sb, sms, DANA_PHONE, "+15550003333", "Where is my parcel?", "It ships today.");
      ok(sb, sb.setPresence("ann", Presence.away("coffee")));
      ok(sb, sb.setPresence("ann", Presence.AVAILABLE));
      out.println("(ann took a break, so bob has been idle longer)");
      converse(sb, email, DANA_MAIL, "<m1@example.com>", "Can I change the address?",
          "Done, it goes to the new one.");
      converse(sb, chat, DANA_CHAT, "session-7", "Thanks! One last thing...", "Anytime.");

      List<CompletionStage<InboundResult>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(chat.customerSends(ChannelIdentity.chat("mallory"), "spam", "buy now"));
      }
      sb.drain(); // the engine takes the messages in and answers
      int accepted = 0;
      String reason = "";
      for (CompletionStage<InboundResult> answer : answers) {
        InboundResult r = answer.toCompletableFuture().join();
        if (r.status() == InboundResult.Status.ACCEPTED) {
          accepted++;
        } else {
          reason = r.reason();
        }
      }
      out.println("mallory floods the chat: " + accepted + " of 8 accepted; the rest refused: "
          + reason);

      email.failNext(DeliveryException.retryable("provider throttled"),
          DeliveryException.retryable("provider throttled"));
      String item = converse(sb, email, ChannelIdentity.email("eve@example.com"),
          "<m2@example.com>", "Invoice please", null);
      String agent = holder(sb, item);
      ok(sb, sb.channels().reply(agent, item, "Attached."));
      clock.advance(Duration.ofSeconds(1));
      sb.drain();
      clock.advance(Duration.ofSeconds(2));
      sb.drain();
      events.stream().filter(RoutingEvent.DeliveryFailed.class::isInstance)
          .map(RoutingEvent.DeliveryFailed.class::cast)
          .forEach(e -> out.println("  attempt " + e.attempt() + " failed (" + e.reason()
              + "), retry at " + e.retryAt()));
      events.stream().filter(RoutingEvent.MessageDelivered.class::isInstance)
          .map(RoutingEvent.MessageDelivered.class::cast).filter(e -> e.attempt() > 1)
          .forEach(e -> out.println("  delivered on attempt " + e.attempt()));

      sms.failNext(DeliveryException.permanent("number blocked the centre"));
      converse(sb, sms, ChannelIdentity.phone("+15550004444"), "+15550004444", "STOP",
          "Sorry to see you go.");
      ok(sb, sb.channels().deadLetters()).forEach(d -> out.println("dead letter " + d.deliveryId()
          + " to " + d.recipient() + ": " + d.reason()));

      out.println("adapter     health  accepted  rejected  delivered  dead");
      for (AdapterStatus s : ok(sb, sb.channels().adapters())) {
        out.printf("%-11s %-7s %8d  %8d  %9d  %4d%n", s.adapterId(), s.health().status(),
            s.accepted(), s.rejected(), s.delivered(), s.deadLettered());
      }
    }
  }

  /**
   * The customer writes; the agent offered the item accepts; if {@code answer} is given, replies
   * and completes. Returns the item id.
   */
  private String converse(ManualSwitchboard sb, InMemoryChannelAdapter adapter,
      ChannelIdentity from, String key, String text, String answer) {
    adapter.customerSends(from, key, text);
    sb.drain();
    String item = adapter.id() + ":" + key + "#1";
    String agent = holder(sb, item);
    out.println(from + " on " + adapter.channelId() + ": \"" + text + "\" -> offered to " + agent);
    ok(sb, sb.accept(agent, item));
    if (answer != null) {
      ok(sb, sb.channels().reply(agent, item, answer));
      out.println("  " + agent + " replies through " + adapter.id() + ": \"" + answer + "\"");
      ok(sb, sb.complete(agent, item, Outcome.RESOLVED));
    }
    clock.advance(Duration.ofSeconds(10));
    return item;
  }

  private static String holder(ManualSwitchboard sb, String item) {
    return ok(sb, sb.snapshot()).item(item).flatMap(v -> v.agentId())
        .orElseThrow(() -> new IllegalStateException(item + " was not offered"));
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }
}
