package dev.switchboard.spi.memory;

import dev.switchboard.spi.AbstractChannelAdapter;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel adapter whose "channel" is memory: tests and demos make customers send with {@link
 * #customerSends} and read what they received with {@link #sent()}. Like a real channel, it
 * acknowledges a customer's message "upstream" only once the host owns it ({@link
 * #acknowledged}, rule 17). It passes the TCK, and can be told to fail or hold deliveries to
 * exercise the host's retries, timeouts and dead letters.
 *
 * <p>Thread-safe: customers may send from any thread while the host delivers from others.
 *
 * @since 0.1
 */
public final class InMemoryChannelAdapter extends AbstractChannelAdapter {

  private final Object lock = new Object();
  private final List<OutboundMessage> sent = new ArrayList<>();
  private final Set<String> deliveredIds = new HashSet<>();
  private final Set<String> knownConversations = new HashSet<>();
  private final Set<String> acknowledged = new HashSet<>();
  private final Deque<DeliveryException> scriptedFailures = new ArrayDeque<>();
  private final List<Held> held = new ArrayList<>();
  private final AtomicLong messageIds = new AtomicLong();
  private boolean holding;

  private record Held(OutboundMessage message, CompletableFuture<DeliveryReceipt> stage) {}

  /**
   * An in-memory adapter.
   *
   * @param id the adapter's id; 1 to 64 characters of {@code [a-z0-9_-]}
   * @param channelId the channel it serves; 1 to 32 characters of {@code [a-z0-9_-]}
   * @param traits what it declares; when they do not start outbound contact, delivering to a
   *     conversation no customer opened fails permanently (rule 9)
   */
  public InMemoryChannelAdapter(String id, String channelId, AdapterTraits traits) {
    super(id, channelId, traits);
  }

  /** Held deliveries are failed (retryable) on stop; two seconds is ample for the rest. */
  @Override
  protected Duration drainTimeout() {
    return Duration.ofSeconds(2);
  }

  @Override
  protected void onStart(ChannelContext context) {
    // nothing to connect to
  }

  /**
   * A customer sends a new message; its idempotency key is fresh, so it is never a duplicate.
   *
   * @return the host's answer, once it owns the message or refused it; rejected when the adapter
   *     is not running
   */
  public CompletionStage<InboundResult> customerSends(ChannelIdentity from, String conversationKey, String body) {
    return customerSends(from, conversationKey, body, id() + "-msg-" + messageIds.incrementAndGet());
  }

  /**
   * A customer's message, with the idempotency key the upstream message has: sending the same key
   * again models the channel redelivering it.
   *
   * @return the host's answer, once it owns the message or refused it; rejected when the adapter
   *     is not running
   */
  public CompletionStage<InboundResult> customerSends(
      ChannelIdentity from, String conversationKey, String body, String idempotencyKey) {
    return customerSends(from, conversationKey, body, idempotencyKey, List.of());
  }

  /**
   * A customer's message with attachments.
   *
   * @return the host's answer, once it owns the message or refused it; rejected when the adapter
   *     is not running
   */
  public CompletionStage<InboundResult> customerSends(
      ChannelIdentity from,
      String conversationKey,
      String body,
      String idempotencyKey,
      List<Attachment> attachments) {
    if (!running()) {
      return CompletableFuture.completedFuture(
          InboundResult.rejected("adapter '" + id() + "' is not running"));
    }
    InboundMessage.Builder message =
        InboundMessage.builder()
            .sender(from)
            .conversationKey(conversationKey)
            .body(body)
            .receivedAt(context().clock().instant())
            .idempotencyKey(idempotencyKey);
    attachments.forEach(message::attachment);
    synchronized (lock) {
      knownConversations.add(conversationKey);
    }
    return report(message.build()).thenApply(result -> {
      if (result.owned()) {
        synchronized (lock) {
          acknowledged.add(idempotencyKey);
        }
      }
      return result;
    });
  }

  /**
   * Whether the customer's message with this idempotency key was acknowledged upstream: the host
   * answered that it owns it (rule 17). Until then a real channel would redeliver it.
   */
  public boolean acknowledged(String idempotencyKey) {
    synchronized (lock) {
      return acknowledged.contains(idempotencyKey);
    }
  }

  /** Reports health to the host, as a real adapter would when its provider fails or recovers. */
  public void reportHealth(Health health) {
    context().health(Objects.requireNonNull(health, "health"));
  }

  /** Messages delivered to customers so far, each once, in delivery order. */
  public List<OutboundMessage> sent() {
    synchronized (lock) {
      return List.copyOf(sent);
    }
  }

  /** The next {@code failures.length} deliveries fail with these exceptions, in order. */
  public void failNext(DeliveryException... failures) {
    synchronized (lock) {
      scriptedFailures.addAll(List.of(failures));
    }
  }

  /**
   * Deliveries from now on stay pending (neither sent nor failed) until {@link
   * #releaseDeliveries()}, as if the provider hung.
   */
  public void holdDeliveries() {
    synchronized (lock) {
      holding = true;
    }
  }

  /** Stops holding and completes every held delivery. */
  public void releaseDeliveries() {
    List<Held> release;
    synchronized (lock) {
      holding = false;
      release = List.copyOf(held);
      held.clear();
    }
    for (Held h : release) {
      h.stage().complete(record(h.message()));
    }
  }

  @Override
  protected CompletionStage<DeliveryReceipt> send(OutboundMessage message)
      throws DeliveryException {
    synchronized (lock) {
      DeliveryException failure = scriptedFailures.poll();
      if (failure != null) {
        throw failure;
      }
      if (!traits().startsOutbound() && !knownConversations.contains(message.conversationKey())) {
        throw DeliveryException.permanent(
            "conversation '" + message.conversationKey() + "' was never opened by a customer and "
                + "adapter '" + id() + "' does not start outbound contact");
      }
      if (holding) {
        CompletableFuture<DeliveryReceipt> stage = new CompletableFuture<>();
        held.add(new Held(message, stage));
        return stage;
      }
    }
    return CompletableFuture.completedFuture(record(message));
  }

  private DeliveryReceipt record(OutboundMessage message) {
    synchronized (lock) {
      if (deliveredIds.add(message.deliveryId())) {
        sent.add(message);
        knownConversations.add(message.conversationKey());
      }
    }
    return DeliveryReceipt.of(
        message, "mem-" + message.deliveryId(), context().clock().instant());
  }

  @Override
  protected void onStop() {
    List<Held> abandoned;
    synchronized (lock) {
      abandoned = List.copyOf(held);
      held.clear();
    }
    for (Held h : abandoned) {
      h.stage().completeExceptionally(
          DeliveryException.retryable("adapter '" + id() + "' stopped before delivering"));
    }
  }
}
