package dev.switchboard.spi;

import java.util.concurrent.CompletionStage;

/**
 * Connects one channel account (a mailbox, an SMS number, a chat widget) to the engine: it reports
 * what customers send through a {@link ChannelContext} and delivers what agents reply.
 *
 * <p>Most adapters extend {@link AbstractChannelAdapter}, which owns the lifecycle, draining and
 * health reporting and leaves sending to the subclass. Every adapter should pass the TCK
 * ({@code dev.switchboard.spi.tck.ChannelAdapterTck} in {@code switchboard-adapters-tck}), whose
 * test names carry the numbers of the rules below.
 *
 * <h2>The contract</h2>
 *
 * <ol>
 *   <li><b>Identity.</b> {@link #id()}, {@link #channelId()} and {@link #traits()} return the same
 *       valid values on every call, before {@link #start} and after {@link #stop}.
 *   <li><b>Lifecycle.</b> The host calls {@link #start} at most once, before any {@link #deliver};
 *       {@code start} returns when the adapter can receive and deliver, or throws (the host then
 *       marks the adapter down and calls {@link #stop}). {@code stop} may be called without
 *       {@code start} and more than once; calls after the first return at once.
 *   <li><b>Inbound only while running.</b> The adapter reports inbound messages only after {@code
 *       start} was called and before {@code stop} returns.
 *   <li><b>Idempotency keys.</b> Every inbound message carries an idempotency key that is the same
 *       whenever the channel redelivers the same upstream message and differs between different
 *       messages.
 *   <li><b>Sender and conversation.</b> An inbound message names the customer's identity on the
 *       channel as its sender; messages of one thread carry the same conversation key, and
 *       messages from different customers carry different keys.
 *   <li><b>Deliver does not block.</b> {@link #deliver} returns a stage without waiting for the
 *       channel (the TCK allows one second) and never throws: every failure completes the stage
 *       exceptionally.
 *   <li><b>Every delivery completes.</b> Every stage {@code deliver} returns completes,
 *       successfully or exceptionally, within the adapter's own timeouts. (The host also times
 *       out a stage that never completes, and retries it.)
 *   <li><b>Rejections do not stop the adapter.</b> When the context rejects an inbound message,
 *       the adapter keeps running and reports later messages as usual; it does not retry a
 *       rejected message in a tight loop.
 *   <li><b>Typed failures.</b> A failed delivery completes with a {@link DeliveryException}:
 *       permanent when trying again cannot help (an invalid recipient, an unknown conversation on
 *       an adapter that does not start outbound contact), retryable otherwise.
 *   <li><b>Receipts.</b> A successful delivery completes with a {@link DeliveryReceipt} carrying
 *       the message's delivery id, and the customer receives the body.
 *   <li><b>Idempotent delivery (optional).</b> Delivering a message with a delivery id already
 *       delivered does not send it to the customer again; the stage still completes with a
 *       receipt.
 *   <li><b>Concurrent deliveries.</b> {@code deliver} is thread-safe: the host calls it from
 *       several threads at once, and every message arrives. A {@linkplain
 *       AdapterTraits#singleLogon() single-logon} adapter sends the replies of every agent through
 *       its one session.
 *   <li><b>Stop drains.</b> {@code stop} stops reading inbound, waits until deliveries in flight
 *       have completed, then returns. A {@code deliver} after {@code stop} completes exceptionally
 *       with a retryable {@link DeliveryException}.
 *   <li><b>Health.</b> The adapter reports {@link Health#up()} through the context once started,
 *       and {@linkplain Health#down down} or {@linkplain Health#degraded degraded}, with a reason,
 *       when its channel fails.
 *   <li><b>Outbound contact (optional).</b> An adapter whose traits {@linkplain
 *       AdapterTraits#startsOutbound() start outbound contact} delivers to a conversation key the
 *       customer never used, reaching the recipient.
 *   <li><b>Attachments (optional).</b> Files a customer attaches are reported as {@link
 *       Attachment} metadata on the inbound message.
 *   <li><b>Acknowledge after ownership.</b> The adapter acknowledges a message upstream (flags
 *       the mail seen or deletes it, answers the webhook with success, confirms to the chat client)
 *       only after the stage {@link ChannelContext#inbound} returned has completed with an
 *       {@linkplain InboundResult#owned() owned} result. While it is pending, and when it is
 *       rejected, the message stays where the channel redelivers it, or the sender is told it was
 *       not received. Waiting for the stage on a protocol thread is bounded by the adapter's own
 *       timeout.
 * </ol>
 *
 * <p>The host's own promises (ownership of accepted messages, duplicates routed once,
 * back-pressure) are rules 101 to 104 in {@link ChannelContext}.
 *
 * <h2>Threading</h2>
 *
 * <p>The host calls {@link #start} and {@link #stop} on one of its adapter threads, never on the
 * engine loop; they may block (connecting, draining), within the host's configured timeouts.
 * {@link #deliver} is called on the host's delivery threads, concurrently. The identity methods may
 * be called from any thread. The adapter calls its {@link ChannelContext} from its own threads.
 *
 * @since 0.1
 */
public interface ChannelAdapter {

  /**
   * This adapter's id, unique among the adapters of one engine (e.g. {@code support-mailbox}); 1
   * to 64 characters of {@code [a-z0-9_-]} (rule 1).
   */
  String id();

  /**
   * The id of the channel this adapter serves (e.g. {@code email}), as the engine names channels:
   * 1 to 32 characters of {@code [a-z0-9_-]} (rule 1).
   */
  String channelId();

  /** How the channel behaves and what the adapter can do (rule 1). */
  AdapterTraits traits();

  /**
   * Starts the adapter: connect, log on, begin reading inbound (rule 2).
   *
   * <p>Called once, on a host thread (never the engine loop); may block while connecting.
   *
   * @param context where to report inbound messages and health; valid until {@link #stop}
   *     returns
   * @throws Exception when the adapter cannot start; the host reports it down with the message
   */
  void start(ChannelContext context) throws Exception;

  /**
   * Sends a message to a customer (rules 6, 7, 9, 10, 11, 12).
   *
   * <p>Called on host delivery threads, possibly concurrently; must not block and must not throw.
   *
   * @param message what to send, to whom, in which conversation
   * @return a stage that completes with a receipt, or exceptionally with a {@link
   *     DeliveryException} saying whether a retry may help
   */
  CompletionStage<DeliveryReceipt> deliver(OutboundMessage message);

  /**
   * Stops the adapter, draining deliveries in flight (rule 13).
   *
   * <p>Called on a host thread (never the engine loop); may block while draining, within the
   * host's stop timeout. Idempotent.
   */
  void stop();
}
