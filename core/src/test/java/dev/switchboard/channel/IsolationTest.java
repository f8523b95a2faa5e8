package dev.switchboard.channel;

import static dev.switchboard.channel.ChannelFixture.chatAdapter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Channel;
import dev.switchboard.channel.MisbehavingAdapter.Misbehaviour;
import dev.switchboard.event.RoutingEvent.AdapterHealthChanged;
import dev.switchboard.event.RoutingEvent.DeliveryFailed;
import dev.switchboard.event.RoutingEvent.FollowUpReceived;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.event.RoutingEvent.MessageDeadLettered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * An adapter that throws, hangs or floods cannot stall the engine loop: each is contained by a
 * timeout, a bounded queue, a health state or a rejection, and shows in events and counters.
 */
class IsolationTest {

  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");
  private static final ChannelIdentity BOB = ChannelIdentity.phone("+15550002222");
  private static final DeliveryPolicy QUICK = DeliveryPolicy.DEFAULT.withMaxAttempts(2)
      .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1))
      .withAttemptTimeout(Duration.ofSeconds(10));

  /** Steps the loop until the condition holds; for results that real threads deliver. */
  private static void eventually(ChannelFixture f, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      f.sb.drain();
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.onSpinWait();
    }
  }

  /** Bob writes on the misbehaving SMS adapter and cy takes it; returns the item. */
  private static String cyHasBob(ChannelFixture f, MisbehavingAdapter sms) {
    f.agents(Channel.SMS, 5, "cy");
    sms.customerSends(BOB, "hello");
    f.sb.drain();
    String item = "bad-sms:+15550002222#1";
    f.ok(f.sb.accept("cy", item));
    return item;
  }

  @Test
  void adapterThatThrowsFromDeliver_isRetriedThenDeadLettered_andTheLoopRuns() {
    MisbehavingAdapter sms = new MisbehavingAdapter("bad-sms", Misbehaviour.THROWS_IN_DELIVER);
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms)
        .deliveryExecutor(Runnable::run).deliveryPolicy(QUICK))) {
      String item = cyHasBob(f, sms);

      f.ok(f.sb.channels().reply("cy", item, "hi"));
      f.advance(Duration.ofSeconds(1));

      assertThat(f.events(DeliveryFailed.class)).singleElement().satisfies(e ->
          assertThat(e.reason()).isEqualTo("java.lang.IllegalStateException: deliberately broken"));
      assertThat(f.events(MessageDeadLettered.class)).hasSize(1);
      assertThat(sms.deliverCalls).hasValue(2);
      assertThat(f.snapshot().items()).hasSize(1); // the loop still answers
    }
  }

  @Test
  void adapterThatHangsInDeliver_timesOut_whileOtherAdaptersAndRoutingGoOn() {
    MisbehavingAdapter sms = new MisbehavingAdapter("bad-sms", Misbehaviour.BLOCKS_IN_DELIVER);
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    // default executors: each adapter has its own delivery threads
    ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms).adapter(chat).deliveryPolicy(QUICK));
    try {
      String stuck = cyHasBob(f, sms);
      f.agents(Channel.CHAT, 3, "ann");
      chat.customerSends(ALICE, "session-1", "hello");
      f.sb.drain();
      f.ok(f.sb.accept("ann", "web-chat:session-1#1"));

      f.ok(f.sb.channels().reply("cy", stuck, "hi Bob")); // blocks bad-sms's only thread
      f.ok(f.sb.channels().reply("ann", "web-chat:session-1#1", "hi Alice"));
      eventually(f, () -> f.events(MessageDelivered.class).size() == 1);

      f.advance(Duration.ofSeconds(10)); // attempt 1 times out on the engine clock
      f.advance(Duration.ofSeconds(1)); // attempt 2 waits behind the blocked thread
      f.advance(Duration.ofSeconds(10)); // and times out too

      assertThat(f.events(DeliveryFailed.class)).singleElement()
          .satisfies(e -> assertThat(e.reason()).isEqualTo("no result within PT10S"));
      assertThat(f.ok(f.sb.channels().deadLetters())).singleElement().satisfies(d -> {
        assertThat(d.adapterId()).isEqualTo("bad-sms");
        assertThat(d.reason()).contains("gave up after 2 attempts");
      });
      assertThat(chat.sent()).hasSize(1);
      chat.customerSends(ChannelIdentity.chat("carol"), "session-2", "still routing?");
      f.sb.drain();
      assertThat(f.events(ItemSubmitted.class)).extracting(e -> e.item().id())
          .contains("web-chat:session-2#1");
    } finally {
      sms.release();
      f.close();
    }
  }

  @Test
  void adapterThatThrowsFromStart_isReportedDown_andTheOthersRun() {
    MisbehavingAdapter sms = new MisbehavingAdapter("bad-sms", Misbehaviour.THROWS_IN_START);
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(sms).adapter(chat))) {
      assertThat(f.events(AdapterHealthChanged.class)).anySatisfy(e -> {
        assertThat(e.adapterId()).isEqualTo("bad-sms");
        assertThat(e.health().status()).isEqualTo(Health.Status.DOWN);
        assertThat(e.health().reason()).contains("cannot log on: bad password");
      });
      assertThat(f.status("web-chat").health()).isEqualTo(Health.up());
      assertThat(f.ok(chat.customerSends(ALICE, "s", "hi")).status())
          .isEqualTo(InboundResult.Status.ACCEPTED);
    }
  }

  @Test
  void adapterThatHangsInStartOrStop_isWaitedForOnlyUpToTheLifecycleTimeout() {
    MisbehavingAdapter slowStart = new MisbehavingAdapter("slow-start",
        Misbehaviour.BLOCKS_IN_START);
    MisbehavingAdapter slowStop = new MisbehavingAdapter("slow-stop", Misbehaviour.BLOCKS_IN_STOP);
    ChannelFixture f = ChannelFixture.of(b -> b.adapter(slowStart).adapter(slowStop)
        .adapterLifecycleTimeout(Duration.ofMillis(100)));
    try {
      assertThat(f.status("slow-start").health())
          .isEqualTo(Health.down("start did not return within PT0.1S"));
      assertThat(f.status("slow-stop").health()).isEqualTo(Health.up());
      slowStart.release();
      eventually(f, () -> f.status("slow-start").health().equals(Health.up()));
      long began = System.nanoTime();
      f.close();
      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
    } finally {
      slowStop.release();
    }
  }

  @Test
  void floodingAdapter_isRejectedOnceItsQueueIsFull_andNothingAcceptedIsLost() {
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat)
        .inboundLimits(InboundLimits.DEFAULT.withQueueCapacity(10)))) {
      List<CompletionStage<InboundResult>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(chat.customerSends(ChannelIdentity.chat("visitor-" + i), "s" + i, "hi"));
      }
      List<InboundResult> results = answers.stream().map(f::ok).toList();

      assertThat(results).filteredOn(r -> r.status() == InboundResult.Status.ACCEPTED)
          .hasSize(10);
      assertThat(results.get(10).reason()).isEqualTo("the inbound queue of adapter 'web-chat' is"
          + " full (10 messages waiting for the engine); try again later");
      f.sb.drain();
      assertThat(f.events(ItemSubmitted.class)).hasSize(10);
      AdapterStatus status = f.status("web-chat");
      assertThat(status.accepted()).isEqualTo(10);
      assertThat(status.rejectedQueueFull()).isEqualTo(40);
      assertThat(status.queued()).isZero();
      assertThat(f.ok(chat.customerSends(ALICE, "later", "hi")).status())
          .isEqualTo(InboundResult.Status.ACCEPTED);
    }
  }

  @Test
  void floodFromOneSender_isRejectedWithAClearReason_counted_andTheAdapterStillRuns() {
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    ChannelIdentity mallory = ChannelIdentity.chat("mallory");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat)
        .inboundLimits(InboundLimits.DEFAULT.withSenderLimit(5, Duration.ofMinutes(1))))) {
      List<CompletionStage<InboundResult>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(chat.customerSends(mallory, "s1", "spam " + i));
      }
      List<InboundResult> results = answers.stream().map(f::ok).toList();
      f.sb.drain();

      assertThat(results).extracting(InboundResult::status).containsExactly(
          InboundResult.Status.ACCEPTED, InboundResult.Status.ACCEPTED,
          InboundResult.Status.ACCEPTED, InboundResult.Status.ACCEPTED,
          InboundResult.Status.ACCEPTED, InboundResult.Status.REJECTED,
          InboundResult.Status.REJECTED, InboundResult.Status.REJECTED);
      assertThat(results.get(5).reason()).isEqualTo("sender chat:mallory has sent 5 messages"
          + " within PT1M on adapter 'web-chat', the most allowed; further messages are refused"
          + " until the window passes");
      assertThat(f.status("web-chat").rejectedFlood()).isEqualTo(3);
      // the five accepted: one item and four follow-ups, none lost
      assertThat(f.events(ItemSubmitted.class)).hasSize(1);
      assertThat(f.events(FollowUpReceived.class)).hasSize(4);
      assertThat(f.ok(chat.customerSends(ALICE, "s2", "hello")).status())
          .isEqualTo(InboundResult.Status.ACCEPTED);

      f.advance(Duration.ofMinutes(1));
      assertThat(f.ok(chat.customerSends(mallory, "s1", "again")).status())
          .isEqualTo(InboundResult.Status.ACCEPTED);
    }
  }

  @Test
  void adapterFlappingUpAndDown_keepsOneHealthCommandWaiting_andEndsOnItsLatestReport() {
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat))) {
      int mark = f.mark();
      for (int i = 0; i < 10_000; i++) {
        chat.reportHealth(i % 2 == 0 ? Health.down("flap") : Health.up());
      }
      chat.reportHealth(Health.degraded("settled"));

      assertThat(f.sb.drain()).isLessThanOrEqualTo(2);
      assertThat(f.eventsSince(mark, AdapterHealthChanged.class)).hasSizeLessThanOrEqualTo(2);
      assertThat(f.status("web-chat").health()).isEqualTo(Health.degraded("settled"));
    }
  }

  @Test
  void identityResolverThatThrows_rejectsThatMessageWithTheFailure_andOthersGoThrough() {
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    IdentityResolver flaky = new IdentityResolver() {
      private final IdentityResolver inner = IdentityResolver.inMemory();

      @Override
      public String resolve(ChannelIdentity identity) {
        if (identity.value().equals("crm-timeout")) {
          throw new IllegalStateException("CRM did not answer in 2 s");
        }
        return inner.resolve(identity);
      }

      @Override
      public void link(ChannelIdentity identity, String customerId) {
        inner.link(identity, customerId);
      }

      @Override
      public java.util.Set<ChannelIdentity> identities(String customerId) {
        return inner.identities(customerId);
      }

      @Override
      public java.util.Set<ChannelIdentity> merge(String survivorId, String mergedId) {
        return inner.merge(survivorId, mergedId);
      }
    };
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat).identityResolver(flaky))) {
      CompletionStage<InboundResult> failing =
          chat.customerSends(ChannelIdentity.chat("crm-timeout"), "s1", "hi");
      CompletionStage<InboundResult> passing = chat.customerSends(ALICE, "s2", "hi");
      InboundResult failed = f.ok(failing);
      InboundResult fine = f.ok(passing);
      f.sb.drain();

      assertThat(failed.status()).isEqualTo(InboundResult.Status.REJECTED);
      assertThat(failed.reason()).isEqualTo("the identity resolver failed for sender"
          + " chat:crm-timeout: java.lang.IllegalStateException: CRM did not answer in 2 s");
      assertThat(fine.status()).isEqualTo(InboundResult.Status.ACCEPTED);
      assertThat(f.events(ItemSubmitted.class)).hasSize(1);
      assertThat(f.status("web-chat").rejectedOther()).isEqualTo(1);
    }
  }

  @Test
  void repeatedHealthReports_doNotFloodTheLoop() {
    InMemoryChannelAdapter chat = chatAdapter("web-chat");
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(chat))) {
      int mark = f.mark();
      for (int i = 0; i < 10_000; i++) {
        chat.reportHealth(Health.degraded("throttled"));
      }

      assertThat(f.sb.drain()).isEqualTo(1);
      assertThat(f.eventsSince(mark, AdapterHealthChanged.class)).singleElement()
          .satisfies(e -> assertThat(e.health()).isEqualTo(Health.degraded("throttled")));
    }
  }
}
