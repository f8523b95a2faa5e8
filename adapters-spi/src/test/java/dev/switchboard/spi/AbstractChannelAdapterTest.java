package dev.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The base class owns the lifecycle: starts once, reports health, drains on stop. */
class AbstractChannelAdapterTest {

  /** Records health; accepts everything. */
  private static final class Context implements ChannelContext {
    final List<Health> health = new ArrayList<>();

    @Override
    public CompletionStage<InboundResult> inbound(InboundMessage message) {
      return CompletableFuture.completedFuture(InboundResult.accepted());
    }

    @Override
    public void health(Health h) {
      health.add(h);
    }

    @Override
    public InstantSource clock() {
      return InstantSource.system();
    }

    @Override
    public System.Logger logger() {
      return System.getLogger("test");
    }
  }

  /** Sends by completing a stage the test holds. */
  private static class Manual extends AbstractChannelAdapter {
    final List<CompletableFuture<DeliveryReceipt>> pending = new ArrayList<>();
    boolean failStart;
    int stops;
    java.time.Duration drain = java.time.Duration.ofSeconds(30);

    @Override
    protected java.time.Duration drainTimeout() {
      return drain;
    }

    Manual() {
      super("manual", "chat", AdapterTraits.sessions(ChannelTraits.synchronous(3), 2));
    }

    @Override
    protected void onStart(ChannelContext context) {
      if (failStart) {
        throw new IllegalStateException("login refused");
      }
    }

    @Override
    protected CompletionStage<DeliveryReceipt> send(OutboundMessage message) {
      CompletableFuture<DeliveryReceipt> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }

    @Override
    protected void onStop() {
      stops++;
    }
  }

  private static OutboundMessage message() {
    return OutboundMessage.builder().deliveryId("d1").conversationKey("s1")
        .recipient(ChannelIdentity.chat("ada")).body("hi").build();
  }

  @Test
  void start_reportsUp_andASecondStartIsRefused() throws Exception {
    Manual adapter = new Manual();
    Context context = new Context();
    adapter.start(context);

    assertThat(context.health).containsExactly(Health.up());
    assertThatThrownBy(() -> adapter.start(context)).isInstanceOf(IllegalStateException.class)
        .hasMessage("adapter 'manual' cannot start: it is running; start is called once");
  }

  @Test
  void failedStart_reportsDownWithTheReason() {
    Manual adapter = new Manual();
    adapter.failStart = true;
    Context context = new Context();

    assertThatThrownBy(() -> adapter.start(context)).hasMessage("login refused");
    assertThat(context.health).singleElement()
        .satisfies(h -> assertThat(h.reason()).contains("login refused"));
  }

  @Test
  void failedStart_leavesTheAdapterNotRunning_andStopStillCleansUp() {
    Manual adapter = new Manual();
    adapter.failStart = true;
    assertThatThrownBy(() -> adapter.start(new Context())).hasMessage("login refused");

    Throwable failure = adapter.deliver(message()).toCompletableFuture()
        .handle((r, e) -> e).join();
    InboundResult inbound = adapter.report(InboundMessage.builder()
        .sender(ChannelIdentity.chat("ada")).conversationKey("s1").body("hi")
        .receivedAt(java.time.Instant.EPOCH).idempotencyKey("k1").build())
        .toCompletableFuture().join();
    adapter.stop();

    assertThat(failure).isInstanceOf(DeliveryException.class)
        .hasMessage("adapter 'manual' is failed; deliveries are accepted only while it runs");
    assertThat(adapter.pending).isEmpty();
    assertThat(inbound.status()).isEqualTo(InboundResult.Status.REJECTED);
    assertThat(adapter.stops).as("onStop releases what onStart opened").isEqualTo(1);
  }

  @Test
  void deliverBeforeStart_failsRetryably() {
    Throwable failure = new Manual().deliver(message()).toCompletableFuture()
        .handle((r, e) -> e).join();

    assertThat(failure).isInstanceOf(DeliveryException.class)
        .hasMessage("adapter 'manual' is new; deliveries are accepted only while it runs");
    assertThat(((DeliveryException) failure).retryable()).isTrue();
  }

  @Test
  void stop_waitsForDeliveriesInFlight_thenCallsOnStopOnce() throws Exception {
    Manual adapter = new Manual();
    adapter.start(new Context());
    CompletableFuture<DeliveryReceipt> inFlight = adapter.deliver(message()).toCompletableFuture();
    Thread stopper = new Thread(adapter::stop);
    stopper.start();
    stopper.join(200);
    assertThat(stopper.isAlive()).as("stop waits while a delivery is in flight").isTrue();

    adapter.pending.get(0).complete(DeliveryReceipt.of(message(), "", java.time.Instant.EPOCH));
    stopper.join(5_000);
    adapter.stop();

    assertThat(stopper.isAlive()).isFalse();
    assertThat(inFlight.get().deliveryId()).isEqualTo("d1");
    assertThat(adapter.stops).isEqualTo(1);
  }

  @Test
  void stop_neverReturnsBeforeTheCallersStageIsComplete_underRacingCompletions()
      throws Exception {
    int late = 0;
    for (int round = 0; round < 2_000; round++) {
      Manual adapter = new Manual();
      adapter.start(new Context());
      CompletableFuture<DeliveryReceipt> inFlight =
          adapter.deliver(message()).toCompletableFuture();
      CompletableFuture<DeliveryReceipt> upstream = adapter.pending.get(0);
      boolean[] doneWhenStopReturned = new boolean[1];
      Thread stopper = new Thread(() -> {
        adapter.stop();
        doneWhenStopReturned[0] = inFlight.isDone();
      });
      Thread completer = new Thread(
          () -> upstream.complete(DeliveryReceipt.of(message(), "", java.time.Instant.EPOCH)));
      stopper.start();
      completer.start();
      completer.join();
      stopper.join();
      if (!doneWhenStopReturned[0]) {
        late++;
      }
    }
    assertThat(late).as("rounds where stop() returned while the delivery still looked pending")
        .isZero();
  }

  @Test
  void stop_calledFromTheCallersCallback_doesNotWaitForItsOwnDelivery() throws Exception {
    Manual adapter = new Manual();
    adapter.drain = java.time.Duration.ofHours(1); // a wait for itself would hang the test
    adapter.start(new Context());
    CompletableFuture<DeliveryReceipt> inFlight = adapter.deliver(message()).toCompletableFuture();
    CompletableFuture<Void> stopped = inFlight.thenRun(adapter::stop);
    Thread completer = new Thread(() -> adapter.pending.get(0)
        .complete(DeliveryReceipt.of(message(), "", java.time.Instant.EPOCH)));
    completer.start();
    completer.join(10_000);

    assertThat(completer.isAlive()).as("stop() inside the callback returned").isFalse();
    assertThat(stopped).isDone();
    assertThat(adapter.stops).isEqualTo(1);
    assertThat(adapter.deliver(message()).toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void anErrorFromSend_leavesNothingInFlight_soStopDoesNotWait() throws Exception {
    Manual adapter = new Manual() {
      @Override
      protected CompletionStage<DeliveryReceipt> send(OutboundMessage message) {
        throw new StackOverflowError("deep");
      }
    };
    adapter.drain = java.time.Duration.ofHours(1);
    adapter.start(new Context());
    assertThatThrownBy(() -> adapter.deliver(message())).isInstanceOf(StackOverflowError.class);
    Thread stopper = new Thread(adapter::stop);
    stopper.start();
    stopper.join(10_000);

    assertThat(stopper.isAlive()).as("stop() returned").isFalse();
  }

  @Test
  void stopWithoutStart_doesNotCallOnStop() {
    Manual adapter = new Manual();
    adapter.stop();
    assertThat(adapter.stops).isZero();
  }

  @Test
  void sendThatThrows_failsTheStageInsteadOfThrowing() throws Exception {
    AbstractChannelAdapter throwing = new AbstractChannelAdapter("t", "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 1)) {
      @Override
      protected void onStart(ChannelContext context) {}

      @Override
      protected CompletionStage<DeliveryReceipt> send(OutboundMessage m) {
        throw new IllegalStateException("socket closed");
      }
    };
    throwing.start(new Context());

    assertThatThrownBy(() -> throwing.deliver(message()).toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(DeliveryException.class)
        .hasMessage("send failed: java.lang.IllegalStateException: socket closed");
  }
}
