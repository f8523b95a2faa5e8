package dev.switchboard.spi;

import java.time.InstantSource;

/**
 * What the engine hands an adapter in {@link ChannelAdapter#start}: where to report inbound
 * messages and health, and the clock and logger to use.
 *
 * <h2>Threading</h2>
 *
 * <p>Every method is thread-safe and may be called from any of the adapter's threads, including
 * from inside {@link ChannelAdapter#deliver} and from completion callbacks. No method blocks for
 * long: {@link #inbound} answers after a bounded hand-off to the engine and never waits for
 * routing, so an adapter may call it from a protocol's I/O thread. No method throws for anything
 * a message contains: bad input is answered with a {@linkplain InboundResult#rejected rejection}.
 *
 * <h2>Rules for the host (numbered after {@link ChannelAdapter}'s)</h2>
 *
 * <ol start="101">
 *   <li><b>Ownership.</b> A message answered {@link InboundResult.Status#ACCEPTED} is owned by the
 *       host and is never lost; the adapter may acknowledge it upstream.
 *   <li><b>Duplicates.</b> A message whose idempotency key the host accepted before (from the same
 *       adapter) is answered {@link InboundResult.Status#DUPLICATE} and routed only once.
 *   <li><b>Back-pressure.</b> When the adapter reports faster than the engine takes messages in,
 *       or floods from one sender, further messages are answered {@link
 *       InboundResult.Status#REJECTED} with a reason, and counted; nothing already accepted is
 *       dropped.
 *   <li><b>Stopped.</b> After the adapter's {@link ChannelAdapter#stop()} returns, every message is
 *       rejected with the reason that the adapter is stopped.
 * </ol>
 *
 * @since 0.1
 */
public interface ChannelContext {

  /**
   * Reports a message a customer sent.
   *
   * <p>Thread-safe; does not block for long. Call it once per upstream message; call it again with
   * the same idempotency key when the channel redelivers the message (rule 4).
   *
   * @param message the message; not null
   * @return whether the host took the message; never null
   * @throws NullPointerException when {@code message} is null
   */
  InboundResult inbound(InboundMessage message);

  /**
   * Reports the adapter's health: up, degraded or down with a reason. The host publishes changes
   * as events and shows them in its snapshot; an adapter reported down receives no deliveries
   * until it reports up again, and those wait (they are retried, not lost).
   *
   * <p>Thread-safe; never blocks. Reporting the current health again is harmless.
   *
   * @param health the new health; not null
   */
  void health(Health health);

  /**
   * The engine's clock. Use it for {@link InboundMessage#receivedAt()} and {@link
   * DeliveryReceipt#deliveredAt()}, so that tests on a manual clock see consistent times.
   *
   * <p>Thread-safe.
   */
  InstantSource clock();

  /**
   * A logger named after the adapter, for what the adapter wants an operator to read.
   *
   * <p>Thread-safe.
   */
  System.Logger logger();
}
