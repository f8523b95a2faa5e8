package dev.switchboard.spring.boot.internal;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.Switchboard;
import dev.switchboard.channel.AdapterStatus;
import dev.switchboard.cluster.DomainStatus;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.spi.Health.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's health for actuator: whether its loop answers, each adapter's health and counts,
 * the journal's kind, lag and failure, and, with a cluster, which domains this node leads. DOWN
 * when the engine does not answer or stopped, its journal failed, or an adapter is down.
 */
public final class SwitchboardHealthIndicator implements HealthIndicator {

  private final Switchboard engine;
  private final JournalWatch journal;
  private final Optional<SwitchboardCluster> cluster;
  private final Duration timeout;

  /**
   * An indicator of this engine.
   *
   * @param engine the engine
   * @param journal the watch of its journal
   * @param cluster the node's cluster, when the host runs one
   * @param timeout how long the engine's answers are waited for
   */
  public SwitchboardHealthIndicator(Switchboard engine, JournalWatch journal,
      Optional<SwitchboardCluster> cluster, Duration timeout) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public Health health() {
    Health.Builder b = Health.up();
    boolean down = false;
    try {
      EngineSnapshot s = await(engine.snapshot().toCompletableFuture());
      b.withDetail("engine", "running").withDetail("agents", s.agents().size())
          .withDetail("liveItems", s.items().size());
    } catch (TimeoutException e) {
      down = true;
      b.withDetail("engine", "not answering within " + timeout);
    } catch (ExecutionException e) {
      down = true;
      b.withDetail("engine", "stopped: " + describe(e.getCause()));
    }
    b.withDetail("queuedCommands", engine.queuedCommands());
    down |= adapters(b);
    down |= journal(b);
    cluster.ifPresent(c -> cluster(c, b));
    return (down ? b.down() : b).build();
  }

  private boolean adapters(Health.Builder b) {
    List<AdapterStatus> list;
    try {
      list = await(engine.channels().adapters().toCompletableFuture());
    } catch (TimeoutException | ExecutionException e) {
      b.withDetail("adapters", "unknown: the engine did not answer");
      return false;
    }
    boolean down = false;
    Map<String, Object> adapters = new LinkedHashMap<>();
    for (AdapterStatus a : list) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("channel", a.channelId());
      d.put("status", a.health().status().name());
      if (a.health().reason() != null && !a.health().reason().isEmpty()) {
        d.put("reason", a.health().reason());
      }
      d.put("accepted", a.accepted());
      d.put("rejected", a.rejected());
      d.put("delivered", a.delivered());
      d.put("deadLettered", a.deadLettered());
      d.put("pendingDeliveries", a.pendingDeliveries());
      adapters.put(a.adapterId(), d);
      down |= a.health().status() == Status.DOWN;
    }
    b.withDetail("adapters", adapters);
    return down;
  }

  private boolean journal(Health.Builder b) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", journal.kind());
    if (!journal.attached()) {
      d.put("kind", "unknown");
      d.put("state", "not watched: the application built its own engine");
      b.withDetail("journal", d);
      return false;
    }
    d.put("appended", journal.appended());
    d.put("pending", journal.pending());
    Optional<Throwable> failure = journal.failure();
    d.put("state", failure.map(e -> "failed: " + describe(e))
        .orElse(journal.closed() ? "closed" : "open"));
    b.withDetail("journal", d);
    return failure.isPresent();
  }

  private static void cluster(SwitchboardCluster c, Health.Builder b) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("node", c.node());
    Map<String, Object> domains = new LinkedHashMap<>();
    for (DomainStatus s : c.status()) {
      domains.put(s.domain(), Map.of("leading", s.leading(), "epoch", s.epoch(), "position",
          s.position()));
    }
    d.put("domains", domains);
    b.withDetail("cluster", d);
  }

  private <T> T await(CompletableFuture<T> f)
      throws TimeoutException, ExecutionException {
    try {
      return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    if (t instanceof CommandRejectedException r) {
      return r.reason() + ": " + r.getMessage();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
