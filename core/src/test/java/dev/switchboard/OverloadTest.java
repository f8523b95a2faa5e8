package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.channel.DeliveryPolicy;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.AdapterHealthChanged;
import dev.switchboard.event.RoutingEvent.ItemSubmitted;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every queue has a bound and a documented behaviour at it: a caller over the bound is told at
 * once, with OVERLOADED; the engine's own bookkeeping is never refused; nothing accepted is lost.
 */
class OverloadTest {

  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  private static final ChannelIdentity ALICE = ChannelIdentity.chat("alice");

  private static WorkItem item(String id) {
    return WorkItem.builder(id, Channel.CHAT).customer("cust-" + id).build();
  }

  private static Reason reasonOf(CompletionStage<?> stage) {
    Throwable failure = stage.toCompletableFuture().handle((v, e) -> e).join();
    assertThat(failure).as("the stage failed").isNotNull();
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    return ((CommandRejectedException) cause).reason();
  }

  @Test
  void callsBeyondTheCommandQueue_areRefusedAtOnce_andLeaveTheEngineUnchanged() {
    List<RoutingEvent> events = new ArrayList<>();
    ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0))
        .listener(events::add).commandQueueCapacity(3).buildManual();
    List<CompletionStage<Void>> calls = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      calls.add(sb.submit(item("i" + i)));
    }

    assertThat(calls.get(3).toCompletableFuture()).as("refused before any step").isDone();
    assertThat(reasonOf(calls.get(3))).isEqualTo(Reason.OVERLOADED);
    assertThatThrownBy(() -> calls.get(4).toCompletableFuture().join())
        .hasMessageContaining("OVERLOADED: the engine is overloaded: 3 commands are waiting for"
            + " its loop (commandQueueCapacity); Submit was not applied; try again later");
    sb.drain();
    assertThat(calls.subList(0, 3)).allMatch(c -> c.toCompletableFuture().isDone()
        && !c.toCompletableFuture().isCompletedExceptionally());
    assertThat(events).filteredOn(ItemSubmitted.class::isInstance)
        .extracting(e -> ((ItemSubmitted) e).item().id()).containsExactly("i1", "i2", "i3");
    CompletionStage<Void> later = sb.submit(item("i4"));
    sb.drain();
    assertThat(later.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
    sb.close();
  }

  @Test
  void theEnginesOwnBookkeeping_isNeverRefused_evenWithTheQueueFull() {
    List<RoutingEvent> events = new ArrayList<>();
    InMemoryChannelAdapter chat = new InMemoryChannelAdapter("web-chat", "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
    ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0))
        .listener(events::add).commandQueueCapacity(1).adapter(chat).buildManual();
    sb.drain();
    CompletionStage<Void> waiting = sb.submit(item("i1"));
    assertThat(reasonOf(sb.submit(item("i2")))).isEqualTo(Reason.OVERLOADED);

    chat.reportHealth(Health.down("provider outage"));
    sb.drain();

    assertThat(waiting.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
    assertThat(events).filteredOn(AdapterHealthChanged.class::isInstance)
        .extracting(e -> ((AdapterHealthChanged) e).health())
        .contains(Health.down("provider outage"));
    sb.close();
  }

  @Test
  void customersMessagesBeyondTheQueue_areRejectedToTheirAdapter_withTheReason() {
    InMemoryChannelAdapter chat = new InMemoryChannelAdapter("web-chat", "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
    ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0))
        .commandQueueCapacity(1).adapter(chat).buildManual();
    sb.drain();
    CompletionStage<Void> waiting = sb.submit(item("i1"));

    InboundResult answer = chat.customerSends(ALICE, "session-1", "hello")
        .toCompletableFuture().getNow(null);

    assertThat(answer).isNotNull();
    assertThat(answer.status()).isEqualTo(InboundResult.Status.REJECTED);
    assertThat(answer.reason()).contains("OVERLOADED: the engine is overloaded");
    sb.drain();
    assertThat(waiting.toCompletableFuture()).isCompleted();
    CompletionStage<InboundResult> retried = chat.customerSends(ALICE, "session-1", "hello");
    sb.drain();
    assertThat(retried.toCompletableFuture().join()).isEqualTo(InboundResult.accepted());
    sb.close();
  }

  @Test
  void repliesBeyondAnAdaptersOutbox_areRefused_andThoseWaitingAreDeliveredLater() {
    InMemoryChannelAdapter chat = new InMemoryChannelAdapter("web-chat", "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
    ManualSwitchboard sb = Switchboard.builder().clock(new ManualClock(T0))
        .deliveryExecutor(Runnable::run).adapter(chat)
        .deliveryPolicy(DeliveryPolicy.DEFAULT.withMaxPending(2)).buildManual();
    sb.drain();
    sb.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build());
    sb.setPresence("ann", Presence.AVAILABLE);
    chat.customerSends(ALICE, "session-1", "hello");
    sb.drain();
    String itemId = "web-chat:session-1#1";
    sb.accept("ann", itemId);
    sb.drain();
    chat.holdDeliveries();

    CompletionStage<String> first = sb.channels().reply("ann", itemId, "one");
    CompletionStage<String> second = sb.channels().reply("ann", itemId, "two");
    CompletionStage<String> third = sb.channels().reply("ann", itemId, "three");
    sb.drain();

    assertThat(reasonOf(third)).isEqualTo(Reason.OVERLOADED);
    assertThatThrownBy(() -> third.toCompletableFuture().join()).hasMessageContaining(
        "adapter 'web-chat' has 2 replies not yet delivered, the most allowed");
    chat.releaseDeliveries();
    sb.drain();
    assertThat(chat.sent()).extracting(m -> m.body()).containsExactly("one", "two");
    assertThat(first.toCompletableFuture().join()).isNotEqualTo(second.toCompletableFuture()
        .join());
    sb.close();
  }

  @Test
  void inMemoryIdentityResolver_atItsBound_refusesNewSenders_andKeepsKnownOnes() {
    IdentityResolver resolver = IdentityResolver.inMemory(2);
    String alice = resolver.resolve(ALICE);
    resolver.resolve(ChannelIdentity.chat("bob"));

    assertThatThrownBy(() -> resolver.resolve(ChannelIdentity.chat("carol")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the in-memory identity resolver is full: it holds 2 identities");
    assertThatThrownBy(() -> resolver.link(ChannelIdentity.chat("dave"), alice))
        .isInstanceOf(IllegalStateException.class);
    assertThat(resolver.resolve(ALICE)).isEqualTo(alice);
    assertThatThrownBy(() -> IdentityResolver.inMemory(0))
        .hasMessage("maxIdentities must be at least 1, was 0");
  }

  /**
   * The callback thread is held by a slow caller's code: the loop may run ahead of it only by
   * the bound, after which callers are refused. Once it is released every accepted call
   * completes and is in the engine.
   */
  @Test
  void slowCallbacks_boundWhatTheLoopRunsAhead_andNothingAcceptedIsLost() throws Exception {
    int capacity = 16;
    AtomicInteger submitted = new AtomicInteger();
    int expectedItems;
    try (Switchboard sb = Switchboard.builder().commandQueueCapacity(capacity)
        .listener(e -> {
          if (e instanceof ItemSubmitted) {
            submitted.incrementAndGet();
          }
        }).build()) {
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch blocking = new CountDownLatch(1);
      Thread test = Thread.currentThread();
      // hold the callback thread: a stage completed before its callback was attached runs the
      // callback on this thread instead, so try again until one runs on the callback thread
      CompletableFuture<Void> blocker = null;
      int blockers = 0;
      while (blocking.getCount() > 0) {
        blockers++;
        blocker = sb.submit(item("blocker" + blockers)).toCompletableFuture().thenRun(() -> {
          if (Thread.currentThread() == test) {
            return;
          }
          blocking.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        if (!blocker.isDone()) {
          assertThat(blocking.await(10, TimeUnit.SECONDS)).as("the callback thread holds")
              .isTrue();
        }
      }
      ConcurrentLinkedQueue<CompletableFuture<Void>> accepted = new ConcurrentLinkedQueue<>();
      int refused = 0;
      for (int i = 0; i < 2_000; i++) {
        CompletableFuture<Void> call = sb.submit(item("i" + i)).toCompletableFuture();
        if (call.isCompletedExceptionally()) {
          assertThat(reasonOf(call)).isEqualTo(Reason.OVERLOADED);
          refused++;
        } else {
          accepted.add(call);
        }
      }

      assertThat(refused).as("the bound refused the excess").isPositive();
      assertThat(accepted.size()).as("held: the command queue, the callback queue and the"
          + " commands in hand").isLessThanOrEqualTo(2 * capacity + 2);
      release.countDown();
      blocker.get(10, TimeUnit.SECONDS);
      for (CompletableFuture<Void> call : accepted) {
        call.get(10, TimeUnit.SECONDS);
      }
      expectedItems = accepted.size() + blockers;
      assertThat(sb.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS).items())
          .hasSize(expectedItems);
    }
    // closing lets the listener finish its queue: it heard every accepted item
    assertThat(submitted.get()).isEqualTo(expectedItems);
  }
}
