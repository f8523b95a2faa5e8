package dev.switchboard.internal.host;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.channel.InboundLimits;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.internal.channel.ConversationIds;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.spi.Attachment;
import dev.switchboard.spi.ChannelContext;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.InboundResult;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one adapter reports to: checks each inbound message against the flood limits and the
 * duplicate memory on the adapter's own thread, resolves the sender to a customer, and hands the
 * message to the engine loop as a command, keeping at most {@link InboundLimits#queueCapacity()}
 * of them waiting; answers once the engine has it durably. Never blocks beyond a short lock of
 * its own. The duplicate memory here answers redeliveries early; the engine's own, journaled,
 * answers those that come after a crash.
 */
final class HostContext implements ChannelContext {

  private static final Logger LOG = LoggerFactory.getLogger(HostContext.class);

  private final String adapterId;
  private final HostPort port;
  private final IdentityResolver resolver;
  private final InboundLimits limits;
  private final InstantSource clock;
  private final System.Logger logger;
  /** Each recent key's answer: pending while the engine takes the message in. */
  private final Map<String, CompletableFuture<InboundResult>> recentKeys;
  private final Map<ChannelIdentity, long[]> senderWindows;
  private final AtomicInteger queued = new AtomicInteger();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong rejectedQueueFull = new AtomicLong();
  final AtomicLong rejectedFlood = new AtomicLong();
  final AtomicLong rejectedOther = new AtomicLong();
  private volatile boolean stopped;
  private Health lastHealth;
  private Health wantedHealth;
  private boolean healthInFlight;
  private volatile boolean adapterReported;

  HostContext(String adapterId, HostPort port, IdentityResolver resolver, InboundLimits limits,
      InstantSource clock) {
    this.adapterId = adapterId;
    this.port = port;
    this.resolver = resolver;
    this.limits = limits;
    this.clock = clock;
    this.logger = new AdapterLogger(adapterId);
    this.recentKeys = bounded(limits.duplicateMemory());
    this.senderWindows = bounded(100_000);
  }

  private static <K, V> Map<K, V> bounded(int capacity) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Checks and reserves under this context's lock, then resolves the sender and hands the message
   * to the loop outside it: the lock is never held while calling the resolver or the engine, so
   * a manual engine's stepping thread (which holds the engine while completing stages) and an
   * adapter thread can never wait for each other. The answer completes once the engine has
   * applied the message and its journal holds it (rule 101).
   */
  @Override
  public CompletionStage<InboundResult> inbound(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    String key = message.idempotencyKey();
    CompletableFuture<InboundResult> answer = new CompletableFuture<>();
    long[] window;
    synchronized (this) {
      if (stopped) {
        return reject(rejectedOther, "adapter '" + adapterId + "' is stopped");
      }
      CompletableFuture<InboundResult> first = recentKeys.get(key);
      if (first != null) {
        return first.thenApply(result -> repeated(key, result)); // the first one's answer
      }
      if (queued.get() >= limits.queueCapacity()) {
        return reject(rejectedQueueFull, "the inbound queue of adapter '" + adapterId
            + "' is full (" + limits.queueCapacity() + " messages waiting for the engine); try"
            + " again later");
      }
      long now = clock.millis();
      window = senderWindows.computeIfAbsent(message.sender(), s -> new long[] {now, 0});
      if (now - window[0] >= limits.senderWindow().toMillis()) {
        window[0] = now;
        window[1] = 0;
      }
      if (window[1] >= limits.senderMessages()) {
        return reject(rejectedFlood, "sender " + message.sender() + " has sent "
            + limits.senderMessages() + " messages within " + limits.senderWindow()
            + " on adapter '" + adapterId + "', the most allowed; further messages are refused"
            + " until the window passes");
      }
      window[1]++;
      recentKeys.put(key, answer); // a report of the same key meanwhile waits for this answer
      queued.incrementAndGet();
    }
    String customerId;
    try {
      customerId = Checks.id("customer id", resolver.resolve(message.sender()));
    } catch (RuntimeException e) {
      LOG.warn("identity resolver failed for {} on adapter {}", message.sender(), adapterId, e);
      refused(key, window, answer, "the identity resolver failed for sender "
          + message.sender() + ": " + e);
      return answer;
    }
    port.inbound(adapterId, key, ConversationIds.of(adapterId, message.conversationKey()),
        message.conversationKey(), message.sender(), customerId, attributes(message))
        .whenComplete((admitted, failure) -> {
          if (failure != null) {
            refused(key, window, answer, "the engine did not take the message in: "
                + reasonOf(failure));
            return;
          }
          queued.decrementAndGet();
          if (admitted) {
            accepted.incrementAndGet();
            answer.complete(InboundResult.accepted());
          } else {
            duplicates.incrementAndGet();
            answer.complete(InboundResult.duplicate("idempotency key '" + key
                + "' was taken in before from adapter '" + adapterId + "'"));
          }
        });
    return answer;
  }

  /** The answer to a report of a key whose first report answered {@code first}. */
  private InboundResult repeated(String key, InboundResult first) {
    if (!first.owned()) {
      rejectedOther.incrementAndGet();
      return first;
    }
    duplicates.incrementAndGet();
    return InboundResult.duplicate("idempotency key '" + key + "' was accepted before from"
        + " adapter '" + adapterId + "'");
  }

  /** Undoes the reservation of a message the engine did not take, and answers it rejected. */
  private void refused(String key, long[] window, CompletableFuture<InboundResult> answer,
      String reason) {
    synchronized (this) {
      recentKeys.remove(key);
      if (window[1] > 0) {
        window[1]--;
      }
      queued.decrementAndGet();
    }
    rejectedOther.incrementAndGet();
    answer.complete(InboundResult.rejected(reason));
  }

  private static String reasonOf(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause instanceof CommandRejectedException ? cause.getMessage() : cause.toString();
  }

  private static CompletionStage<InboundResult> reject(AtomicLong counter, String reason) {
    counter.incrementAndGet();
    return CompletableFuture.completedFuture(InboundResult.rejected(reason));
  }

  /** The message as the item attribute {@value ChannelHost#MESSAGE_ATTRIBUTE}. */
  private Map<String, Object> attributes(InboundMessage m) {
    List<Object> files = new ArrayList<>();
    for (Attachment a : m.attachments()) {
      files.add(Map.of("name", a.name(), "mediaType", a.mediaType(), "sizeBytes", a.sizeBytes(),
          "reference", a.reference()));
    }
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("adapter", adapterId);
    message.put("sender", m.sender().toString());
    message.put("body", m.body());
    message.put("receivedAt", m.receivedAt().toString());
    message.put("idempotencyKey", m.idempotencyKey());
    message.put("attachments", files);
    message.put("metadata", m.metadata());
    return Map.of(ChannelHost.MESSAGE_ATTRIBUTE, message);
  }

  @Override
  public void health(Health health) {
    Objects.requireNonNull(health, "health");
    adapterReported = true;
    hostReport(health);
  }

  /**
   * The host's own report on the adapter (start failed or timed out), and the path of the
   * adapter's: at most one health command per adapter waits for the loop, carrying the latest
   * report once it is applied, so an adapter flapping up and down cannot flood the loop.
   */
  void hostReport(Health health) {
    synchronized (this) {
      wantedHealth = health;
      if (healthInFlight || health.equals(lastHealth)) {
        return;
      }
      healthInFlight = true;
      lastHealth = health;
    }
    sendHealth(health);
  }

  private void sendHealth(Health health) {
    port.health(adapterId, health).whenComplete((ok, failure) -> {
      Health next;
      synchronized (this) {
        next = wantedHealth;
        if (next.equals(lastHealth) || failure != null) {
          healthInFlight = false;
          return;
        }
        lastHealth = next;
      }
      sendHealth(next);
    });
  }

  /** Whether the adapter itself reported any health yet. */
  boolean reportedHealth() {
    return adapterReported;
  }

  @Override
  public InstantSource clock() {
    return clock;
  }

  @Override
  public System.Logger logger() {
    return logger;
  }

  /** Messages accepted and not yet applied by the loop. */
  int queued() {
    return queued.get();
  }

  /** From now on every message is rejected (rule 104). */
  void markStopped() {
    stopped = true;
  }
}
