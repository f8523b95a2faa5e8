package dev.switchboard.spi.tck;

import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.OutboundMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An adapter written from scratch (not on the base class) that breaks exactly one rule, chosen
 * by its {@link Flaw}; with {@link Flaw#NONE} it keeps every rule. The TCK's self-test runs the
 * TCK against each flaw.
 */
final class FlawedAdapter implements ChannelAdapter {

  /** Which rule the adapter breaks. */
  enum Flaw {
    NONE,
    UNSTABLE_ID,
    REPORTS_AFTER_STOP,
    RANDOM_IDEMPOTENCY_KEY,
    KEY_PER_MESSAGE,
    BLOCKING_DELIVER,
    THROWING_DELIVER,
    NEVER_COMPLETES,
    DIES_AFTER_REJECTION,
    UNTYPED_FAILURE,
    WRONG_RECEIPT,
    SILENT_LOSS,
    STOP_DOES_NOT_DRAIN,
    NO_HEALTH,
    ACKNOWLEDGES_EARLY,
    /** As a channel of calls: every call of a customer in one conversation. */
    CALL_KEY_PER_CUSTOMER,
    /** As a channel of calls: text replies to calls are taken as delivered. */
    CALL_TAKES_TEXT
  }

  private final Flaw flaw;
  private final boolean calls;
  private final AtomicInteger idCalls = new AtomicInteger();
  private final Set<String> conversations = ConcurrentHashMap.newKeySet();
  private final List<ReceivedMessage> received = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private volatile ChannelContext context;
  private volatile boolean running;
  private volatile boolean dead;

  FlawedAdapter(Flaw flaw) {
    this(flaw, false);
  }

  /**
   * With {@code calls}, a channel of calls: each customer message is a call and its own
   * conversation, and text replies fail permanently.
   */
  FlawedAdapter(Flaw flaw, boolean calls) {
    this.flaw = flaw;
    this.calls = calls;
  }

  @Override
  public String id() {
    return flaw == Flaw.UNSTABLE_ID ? "flawed-" + idCalls.incrementAndGet() : "flawed";
  }

  @Override
  public String channelId() {
    return "chat";
  }

  @Override
  public AdapterTraits traits() {
    return AdapterTraits.sessions(ChannelTraits.synchronous(3), 4);
  }

  @Override
  public void start(ChannelContext context) {
    this.context = context;
    running = true;
    if (flaw != Flaw.NO_HEALTH) {
      context.health(Health.up());
    }
  }

  void customerSends(CustomerMessage m) {
    boolean reports = running || (flaw == Flaw.REPORTS_AFTER_STOP && context != null);
    if (!reports || dead) {
      return;
    }
    String thread = m.from().value() + "/" + m.thread();
    String key = flaw == Flaw.KEY_PER_MESSAGE ? UUID.randomUUID().toString() : thread;
    if (calls) {
      key = flaw == Flaw.CALL_KEY_PER_CUSTOMER ? m.from().value() : "call:" + m.upstreamId();
    }
    conversations.add(key);
    CompletionStage<InboundResult> answer = context.inbound(InboundMessage.builder()
        .sender(m.from())
        .conversationKey(key)
        .body(m.body())
        .receivedAt(context.clock().instant())
        .idempotencyKey(flaw == Flaw.RANDOM_IDEMPOTENCY_KEY
            ? UUID.randomUUID().toString() : m.upstreamId())
        .build());
    if (flaw == Flaw.ACKNOWLEDGES_EARLY) {
      acknowledged.add(m.upstreamId());
    }
    answer.thenAccept(result -> {
      if (result.owned()) {
        acknowledged.add(m.upstreamId());
      }
      if (flaw == Flaw.DIES_AFTER_REJECTION && result.status() == InboundResult.Status.REJECTED) {
        dead = true;
      }
    });
  }

  /** Whether the upstream message was acknowledged (the protocol was told it was received). */
  boolean acknowledged(String upstreamId) {
    return acknowledged.contains(upstreamId);
  }

  List<ReceivedMessage> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public CompletionStage<DeliveryReceipt> deliver(OutboundMessage m) {
    if (flaw == Flaw.THROWING_DELIVER) {
      throw new IllegalStateException("deliberately thrown");
    }
    if (flaw == Flaw.BLOCKING_DELIVER) {
      try {
        Thread.sleep(1_200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!running) {
      return CompletableFuture.failedFuture(DeliveryException.retryable("stopped"));
    }
    if (flaw == Flaw.NEVER_COMPLETES) {
      return new CompletableFuture<>();
    }
    if (!conversations.contains(m.conversationKey())) {
      return CompletableFuture.failedFuture(flaw == Flaw.UNTYPED_FAILURE
          ? new IllegalStateException("unknown conversation")
          : DeliveryException.permanent("unknown conversation"));
    }
    if (calls && flaw != Flaw.CALL_TAKES_TEXT) {
      return CompletableFuture.failedFuture(DeliveryException.permanent("a call has no text"));
    }
    if (flaw == Flaw.STOP_DOES_NOT_DRAIN) {
      CompletableFuture<DeliveryReceipt> later = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        later.complete(sent(m));
      });
      t.setDaemon(true);
      t.start();
      return later;
    }
    return CompletableFuture.completedFuture(sent(m));
  }

  private DeliveryReceipt sent(OutboundMessage m) {
    if (flaw != Flaw.SILENT_LOSS) {
      received.add(new ReceivedMessage(m.recipient(), m.body()));
    }
    String id = flaw == Flaw.WRONG_RECEIPT ? "not-" + m.deliveryId() : m.deliveryId();
    return new DeliveryReceipt(id, "", context.clock().instant());
  }

  @Override
  public void stop() {
    running = false;
  }
}
