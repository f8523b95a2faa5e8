package dev.switchboard.spi;

import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/**
 * What the engine hands an adapter in {@link ChannelAdapter#start}: where to report inbound
 * messages and health, and the clock and logger to use.
 *
 * <h2>Threading</h2>
 *
 * <p>Every method is thread-safe and may be called from any of the adapter's threads, including
 * from inside {@link ChannelAdapter#deliver} and from completion callbacks. No method blocks for
 * long: {@link #inbound} returns after a bounded hand-off to the engine, and its answer arrives
 * later, as a stage, so an adapter may call it from a protocol's I/O thread. No method throws for
 * anything a message contains: bad input is answered with a {@linkplain InboundResult#rejected
 * rejection}.
 *
 * <h2>Rules for the host (numbered after {@link ChannelAdapter}'s)</h2>
 *
 * <ol start="101">
 *   <li><b>Ownership.</b> The stage {@link #inbound} returns completes {@link
 *       InboundResult.Status#ACCEPTED} only once the engine has applied the message and, when it
 *       runs with a journal, the journal holds it as durably as its mode promises. From then on the
 *       message is the host's and is never lost, and the adapter may acknowledge it upstream
 *       (rule 17). Until the stage completes, a crash of the host may lose the message: the
 *       adapter must leave it where the channel will redeliver it. The stage never completes
 *       exceptionally; every failure is a {@linkplain InboundResult.Status#REJECTED rejection}
 *       with its reason.
 *   <li><b>Duplicates.</b> A message whose idempotency key the host accepted before (from the same
 *       adapter) is answered {@link InboundResult.Status#DUPLICATE} and routed only once, also
 *       when the channel redelivers it after a crash of the host (the host's memory of keys is
 *       journaled with the engine's state). A message reported again while the first report is
 *       still pending gets the first one's answer, as a duplicate.
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
   * Reports a message a customer sent; the answer comes as a stage that completes once the host
   * owns the message (rule 101) or has refused it.
   *
   * <p>Thread-safe; does not block for long. Call it once per upstream message; call it again with
   * the same idempotency key when the channel redelivers the message (rule 4). Acknowledge the
   * message upstream only when the stage completes with an {@linkplain InboundResult#owned() owned}
   * result (rule 17). The stage completes on a host thread (the engine's callback thread, or the
   * thread stepping a manual engine): code chained on it must not block, and an adapter must never
   * wait for it on a thread the host needs to complete it, such as inside {@link
   * ChannelAdapter#deliver}.
   *
   * @param message the message; not null
   * @return the host's answer, never completing exceptionally; never null
   * @throws NullPointerException when {@code message} is null
   */
  CompletionStage<InboundResult> inbound(InboundMessage message);

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
