package dev.switchboard.internal.host;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.channel.ChannelHost;
import dev.switchboard.channel.DeadLetter;
import dev.switchboard.identity.IdentityResolver;
import dev.switchboard.internal.channel.ChannelConfig;
import dev.switchboard.internal.channel.ChannelState;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.DeliveryException;
import dev.switchboard.spi.DeliveryReceipt;
import dev.switchboard.spi.Health;
import dev.switchboard.spi.InboundMessage;
import dev.switchboard.spi.OutboundMessage;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's adapters at run time: starts and stops them on threads of their own (never the
 * loop), gives each a {@link HostContext}, runs their deliveries on a bounded pool per adapter so
 * one that blocks or throws holds up nobody else, and answers the public {@link ChannelHost}
 * calls by sending commands to the loop.
 */
public final class ChannelRuntime implements ChannelHost, ChannelState.Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelRuntime.class);
  /** Deliveries waiting for an adapter's delivery threads before further ones are refused. */
  private static final int DELIVERY_QUEUE = 1024;

  private final ChannelConfig config;
  private final HostPort port;
  private final Map<String, Hosted> hosted = new LinkedHashMap<>();
  private final AtomicBoolean stopped = new AtomicBoolean();

  /** One adapter with its context and threads. */
  private record Hosted(ChannelAdapter adapter, String channelId, HostContext context,
      Executor deliveries, ExecutorService ownPool, ExecutorService lifecycle) {}

  /** The runtime for the configured adapters; nothing starts until {@link #start()}. */
  public ChannelRuntime(ChannelConfig config, HostPort port, InstantSource clock) {
    this.config = config;
    this.port = port;
    for (ChannelConfig.Registration r : config.adapters()) {
      String id = r.id();
      HostContext context = new HostContext(id, port, config.resolver(), config.limits(), clock);
      ExecutorService pool = config.deliveryExecutor().isPresent() ? null : pool(r);
      Executor deliveries = config.deliveryExecutor().orElse(pool);
      hosted.put(id, new Hosted(r.adapter(), r.channel().id(), context, deliveries, pool,
          Executors.newSingleThreadExecutor(daemon("switchboard-adapter-" + id + "-lifecycle"))));
    }
  }

  private static ExecutorService pool(ChannelConfig.Registration r) {
    int threads = r.adapter().traits().singleLogon()
        ? 1 : Math.min(4, r.adapter().traits().maxConcurrentSessions());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(DELIVERY_QUEUE), daemon("switchboard-adapter-" + r.id()));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts every adapter in registration order, each on its own lifecycle thread, waiting up to
   * the lifecycle timeout for each. One that fails or hangs is reported down and the rest start.
   */
  public void start() {
    long timeout = config.lifecycleTimeout().toMillis();
    for (Map.Entry<String, Hosted> e : hosted.entrySet()) {
      String id = e.getKey();
      Hosted h = e.getValue();
      CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
        try {
          h.adapter().start(h.context());
        } catch (Exception ex) {
          throw new CompletionException(ex);
        }
      }, h.lifecycle());
      // wait for the report, not just the start: get() on `started` may return before its
      // dependent actions have run, and the engine must have heard of a failed start by then
      CompletableFuture<Void> reported = started.whenComplete((ok, failure) -> {
        if (failure == null) {
          if (!h.context().reportedHealth()) {
            h.context().hostReport(Health.up());
          }
        } else {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          LOG.error("adapter {} failed to start", id, cause);
          h.context().hostReport(Health.down("start failed: " + cause));
        }
      });
      try {
        reported.get(timeout, TimeUnit.MILLISECONDS);
      } catch (TimeoutException ex) {
        LOG.error("adapter {} did not start within {}; the engine runs without it meanwhile", id,
            config.lifecycleTimeout());
        h.context().hostReport(Health.down("start did not return within "
            + config.lifecycleTimeout()));
        if (started.isDone() && !started.isCompletedExceptionally()
            && !h.context().reportedHealth()) {
          h.context().hostReport(Health.up()); // it finished while we reported it down
        }
      } catch (ExecutionException ex) {
        // reported by whenComplete above
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops every adapter (each drains its deliveries), then dead-letters replies still pending, and
   * releases the threads. Idempotent. Called before the engine closes, so outcomes of deliveries
   * drained by the adapters still reach the loop.
   */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    long timeout = config.lifecycleTimeout().toMillis();
    hosted.forEach((id, h) -> {
      try {
        h.lifecycle().submit(h.adapter()::stop).get(timeout, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.error("adapter {} did not stop within {}", id, config.lifecycleTimeout());
      } catch (ExecutionException e) {
        LOG.error("adapter {} failed to stop", id, e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        h.context().markStopped();
      }
    });
    if (!hosted.isEmpty()) { // without adapters there is no outbox: spare the journal an entry
      port.closeChannels();
    }
    hosted.values().forEach(h -> {
      h.lifecycle().shutdown();
      if (h.ownPool() != null) {
        h.ownPool().shutdown();
      }
    });
  }

  // ---------------------------------------------------------------- deliveries

  @Override
  public void dispatch(String adapterId, OutboundMessage message) {
    Hosted h = hosted.get(adapterId);
    try {
      h.deliveries().execute(() -> deliver(adapterId, h.adapter(), message));
    } catch (RejectedExecutionException e) {
      port.deliveryOutcome(message.deliveryId(), message.attempt(), false, true,
          "the delivery queue of adapter '" + adapterId + "' is full or shut down", "");
    }
  }

  /** Calls the adapter on a delivery thread and reports the result to the loop. */
  private void deliver(String adapterId, ChannelAdapter adapter, OutboundMessage message) {
    CompletionStage<DeliveryReceipt> stage;
    try {
      stage = Objects.requireNonNull(adapter.deliver(message), "deliver returned null");
    } catch (RuntimeException e) {
      LOG.warn("adapter {} threw from deliver (rule 6: it must fail the stage instead)",
          adapterId, e);
      report(message, null, e);
      return;
    }
    stage.whenComplete((receipt, failure) -> report(message, receipt, failure));
  }

  private void report(OutboundMessage message, DeliveryReceipt receipt, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause == null && receipt == null) {
      cause = new IllegalStateException("the delivery completed without a receipt");
    }
    if (cause == null) {
      port.deliveryOutcome(message.deliveryId(), message.attempt(), true, false, "",
          receipt.providerMessageId());
    } else if (cause instanceof DeliveryException de) {
      port.deliveryOutcome(message.deliveryId(), message.attempt(), false, de.retryable(),
          de.getMessage(), "");
    } else {
      port.deliveryOutcome(message.deliveryId(), message.attempt(), false, true,
          cause.toString(), "");
    }
  }

  // ---------------------------------------------------------------- ChannelHost

  @Override
  public CompletionStage<String> reply(String agentId, String itemId, String body) {
    Checks.id("agentId", agentId);
    Checks.id("itemId", itemId);
    checkBody(body);
    return port.reply(agentId, itemId, body);
  }

  @Override
  public CompletionStage<String> startContact(String adapterId, ChannelIdentity recipient,
      String conversationKey, String agentId, String body) {
    Checks.id("adapterId", adapterId);
    Objects.requireNonNull(recipient, "recipient");
    Checks.id("conversationKey", conversationKey);
    Objects.requireNonNull(agentId, "agentId");
    if (!agentId.isEmpty()) {
      Checks.id("agentId", agentId);
    }
    checkBody(body);
    if (!hosted.containsKey(adapterId)) {
      return CompletableFuture.failedStage(new CommandRejectedException(Reason.INVALID_VALUE,
          "adapter '" + adapterId + "' is not registered; registered adapters: "
              + hosted.keySet()));
    }
    String customerId;
    try {
      customerId = Checks.id("customer id", config.resolver().resolve(recipient));
    } catch (RuntimeException e) {
      return CompletableFuture.failedStage(new CommandRejectedException(Reason.INVALID_VALUE,
          "the identity resolver failed for " + recipient + ": " + e, e));
    }
    return port.contact(adapterId, conversationKey, recipient, customerId, agentId, body);
  }

  private static void checkBody(String body) {
    Objects.requireNonNull(body, "body");
    if (body.length() > InboundMessage.MAX_BODY_LENGTH) {
      throw new IllegalArgumentException("body is " + body.length() + " characters long; at most "
          + InboundMessage.MAX_BODY_LENGTH + " are allowed");
    }
  }

  @Override
  public CompletionStage<List<DeadLetter>> deadLetters() {
    return port.deadLetters();
  }

  @Override
  public CompletionStage<List<AdapterStatus>> adapters() {
    return port.counts().thenApply(counts -> {
      List<AdapterStatus> out = new ArrayList<>();
      hosted.forEach((id, h) -> {
        ChannelState.OutboundCounts c = counts.get(id);
        HostContext x = h.context();
        out.add(new AdapterStatus(id, h.channelId(), c.health(), x.accepted.get(),
            x.duplicates.get(), x.rejectedQueueFull.get(), x.rejectedFlood.get(),
            x.rejectedOther.get(), x.queued(), c.delivered(), c.failedAttempts(),
            c.deadLettered(), c.pending()));
      });
      return List.copyOf(out);
    });
  }

  @Override
  public CompletionStage<Void> mergeCustomers(String survivorId, String mergedId) {
    Set<ChannelIdentity> moved = config.resolver().merge(survivorId, mergedId);
    return port.merge(survivorId, mergedId, moved);
  }

  @Override
  public CompletionStage<List<String>> conversations(String customerId) {
    return port.conversations(Checks.id("customerId", customerId));
  }

  @Override
  public IdentityResolver identities() {
    return config.resolver();
  }
}
