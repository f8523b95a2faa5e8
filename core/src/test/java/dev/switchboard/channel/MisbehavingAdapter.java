package dev.switchboard.channel;

import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An adapter that breaks the SPI's rules in the ways the host must survive: it throws or blocks
 * in {@code deliver}, {@code start} or {@code stop}. {@link #release()} unblocks it.
 */
final class MisbehavingAdapter implements ChannelAdapter {

  enum Misbehaviour { THROWS_IN_DELIVER, BLOCKS_IN_DELIVER, THROWS_IN_START, BLOCKS_IN_START,
    BLOCKS_IN_STOP }

  private final String id;
  private final Misbehaviour misbehaviour;
  private final CountDownLatch released = new CountDownLatch(1);
  final AtomicInteger deliverCalls = new AtomicInteger();
  private volatile ChannelContext context;

  MisbehavingAdapter(String id, Misbehaviour misbehaviour) {
    this.id = id;
    this.misbehaviour = misbehaviour;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String channelId() {
    return "sms";
  }

  @Override
  public AdapterTraits traits() {
    return AdapterTraits.singleLogon(ChannelTraits.asynchronous(5));
  }

  @Override
  public void start(ChannelContext context) {
    this.context = context;
    if (misbehaviour == Misbehaviour.THROWS_IN_START) {
      throw new IllegalStateException("cannot log on: bad password");
    }
    if (misbehaviour == Misbehaviour.BLOCKS_IN_START) {
      awaitRelease();
    }
  }

  CompletionStage<InboundResult> customerSends(ChannelIdentity from, String body) {
    return context.inbound(InboundMessage.builder().sender(from).conversationKey(from.value())
        .body(body).receivedAt(context.clock().instant())
        .idempotencyKey(id + "-" + System.nanoTime()).build());
  }

  @Override
  public CompletionStage<DeliveryReceipt> deliver(OutboundMessage message) {
    deliverCalls.incrementAndGet();
    if (misbehaviour == Misbehaviour.THROWS_IN_DELIVER) {
      throw new IllegalStateException("deliberately broken");
    }
    if (misbehaviour == Misbehaviour.BLOCKS_IN_DELIVER) {
      awaitRelease();
    }
    return CompletableFuture.completedFuture(
        DeliveryReceipt.of(message, "", context.clock().instant()));
  }

  @Override
  public void stop() {
    if (misbehaviour == Misbehaviour.BLOCKS_IN_STOP) {
      awaitRelease();
    }
  }

  void release() {
    released.countDown();
  }

  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
