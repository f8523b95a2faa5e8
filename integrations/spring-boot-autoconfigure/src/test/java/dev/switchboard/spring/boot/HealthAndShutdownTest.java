package dev.switchboard.spring.boot;

import static dev.switchboard.spring.boot.SwitchboardAutoConfigurationTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Switchboard;
import dev.switchboard.cluster.DomainStatus;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.Journals;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.micrometer.SwitchboardMetrics;
import dev.switchboard.spring.boot.internal.JournalWatch;
import dev.switchboard.spring.boot.internal.SwitchboardLifecycle;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

/** The health indicator, the Micrometer binder and the order of shutdown. */
class HealthAndShutdownTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SwitchboardAutoConfiguration.class,
          SwitchboardHealthAutoConfiguration.class, SwitchboardMetricsAutoConfiguration.class));

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object detail) {
    return (Map<String, Object>) detail;
  }

  @Test
  void health_isUp_withEngineAdaptersAndJournal() {
    runner.withBean(Journal.class, Journals::inMemory).withPropertyValues(
        "switchboard.adapters.site-chat.type=probe").run(context -> {
          Switchboard engine = context.getBean(Switchboard.class);
          await(engine.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()));
          Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
              .health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("engine", "running")
              .containsEntry("agents", 1).doesNotContainKey("cluster");
          assertThat(map(map(health.getDetails().get("adapters")).get("site-chat")))
              .containsEntry("status", "UP").containsEntry("channel", "chat");
          assertThat(map(health.getDetails().get("journal")))
              .containsEntry("state", "open").containsEntry("pending", 0L)
              .containsEntry("kind", "dev.switchboard.journal.InMemoryJournal");
        });
  }

  @Test
  void health_isDown_whenAnAdapterIsDown() {
    runner.withPropertyValues("switchboard.adapters.site-chat.type=probe",
        "switchboard.adapters.site-chat.properties.health=provider unreachable").run(context -> {
          Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
              .health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(map(map(health.getDetails().get("adapters")).get("site-chat")))
              .containsEntry("status", "DOWN").containsEntry("reason", "provider unreachable");
        });
  }

  @Test
  void health_isDown_onceTheEngineClosed() {
    runner.run(context -> {
      context.getBean(Switchboard.class).close();
      Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
          .health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("engine")).startsWith("stopped: ENGINE_CLOSED");
      assertThat(map(health.getDetails().get("journal"))).containsEntry("kind", "none");
    });
  }

  @Test
  void health_isDown_withTheJournalsFailure_onceAnAppendFailed() {
    runner.withBean(Journal.class, FailingJournal::new).run(context -> {
      Switchboard engine = context.getBean(Switchboard.class);
      assertThatThrownBy(() -> await(engine.addAgent(
          Agent.builder("ann").channel(Channel.CHAT).build())));
      Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
          .health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(map(health.getDetails().get("journal")))
          .containsEntry("state", "failed: JournalException: disk full")
          .containsEntry("appended", 1L).containsEntry("pending", 0L);
      assertThat((String) health.getDetails().get("engine")).startsWith("stopped: ");
    });
  }

  /** A journal whose every append fails, as on a full disk. */
  static final class FailingJournal implements Journal {
    @Override
    public void recover(Recovery recovery) {}

    @Override
    public CompletionStage<Void> append(JournalEntry entry) {
      return CompletableFuture.failedFuture(new JournalException("disk full"));
    }

    @Override
    public void close() {}
  }

  @Test
  void health_showsLeadershipPerDomain_whenAClusterBeanExists() {
    runner.withBean(SwitchboardCluster.class, FakeCluster::new).run(context -> {
      Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
          .health();
      Map<String, Object> cluster = map(health.getDetails().get("cluster"));
      assertThat(cluster).containsEntry("node", "node-a");
      assertThat(map(map(cluster.get("domains")).get("eu"))).containsEntry("leading", true)
          .containsEntry("epoch", 3L);
      assertThat(map(map(cluster.get("domains")).get("us"))).containsEntry("leading", false);
    });
  }

  @Test
  void health_ofTheApplicationsOwnEngine_saysItsJournalIsNotWatched() {
    runner.withBean("myEngine", Switchboard.class, () -> Switchboard.builder().build())
        .run(context -> {
          Health health = context.getBean("switchboardHealthIndicator", HealthIndicator.class)
              .health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(map(health.getDetails().get("journal"))).containsEntry("kind", "unknown")
              .containsEntry("state", "not watched: the application built its own engine");
        });
  }

  @Test
  void health_canBeTurnedOff() {
    runner.withPropertyValues("management.health.switchboard.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("switchboardHealthIndicator"));
  }

  @Test
  void metrics_areBound_whenARegistryExists() {
    runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class)).run(context -> {
          assertThat(context).hasSingleBean(SwitchboardMetrics.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.getMeters()).extracting(Meter::getId)
              .anySatisfy(id -> assertThat(id.getName()).startsWith("switchboard."));
        });
  }

  @Test
  void metrics_carryTheLiveKpis_ofALiveKpisBean_whichAlsoListens() {
    runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
        CompositeMeterRegistryAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class))
        .withBean(LiveKpis.class, () -> LiveKpis.builder().build()).run(context -> {
          Switchboard engine = context.getBean(Switchboard.class);
          await(engine.addAgent(Agent.builder("ann").channel(Channel.CHAT).build()));
          await(engine.setPresence("ann", dev.switchboard.Presence.AVAILABLE));
          await(engine.submit(dev.switchboard.WorkItem.builder("c-1", Channel.CHAT)
              .customer("cust-1").build()));
          // The KPIs count on the listener thread: refresh until they have (or 10 s passed).
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          long deadline = System.nanoTime() + 10_000_000_000L;
          while (registry.getMeters().stream().noneMatch(m -> m.getId().getName()
              .startsWith("switchboard.centre.")) && System.nanoTime() < deadline) {
            await(context.getBean(SwitchboardMetrics.class).refresh());
            Thread.sleep(20);
          }
          assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
              .anySatisfy(name -> assertThat(name).startsWith("switchboard.centre."));
        });
  }

  @Test
  void metrics_backOff_withoutARegistry() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SwitchboardMetrics.class));
  }

  @Test
  void shutdown_closesTheEngineAndJournal_afterGracefulWebShutdown_beforeTheServerStops() {
    List<String> order = new CopyOnWriteArrayList<>();
    runner.withBean(Journal.class, Journals::inMemory)
        .withBean("gracefulWeb", SmartLifecycle.class,
            () -> new Recording("graceful web shutdown", SmartLifecycle.DEFAULT_PHASE - 1024,
                order))
        .withBean("webServer", SmartLifecycle.class,
            () -> new Recording("web server stop", SmartLifecycle.DEFAULT_PHASE - 2048, order))
        .withBean("engineProbe", SmartLifecycle.class,
            () -> new Recording("engine probe", SwitchboardLifecycle.PHASE, order))
        .run(context -> {
          Switchboard engine = context.getBean(Switchboard.class);
          JournalWatch watch = context.getBean(JournalWatch.class);
          ((Recording) context.getBean("engineProbe")).onStop = () -> order.add(
              "engine " + (isClosed(engine) ? "closed" : "open") + ", journal "
                  + (watch.closed() ? "closed" : "open"));
          ((Recording) context.getBean("gracefulWeb")).onStop = () -> order.add(
              "engine " + (isClosed(engine) ? "closed" : "open"));
          ((Recording) context.getBean("webServer")).onStop = () -> order.add(
              "engine " + (isClosed(engine) ? "closed" : "open"));
          context.close();
          assertThat(watch.closed()).isTrue();
        });
    // Same-phase beans stop in no set order, so the probe says what it saw either way: the
    // web server's stop, later, must see the engine closed.
    // Requests finishing during the graceful shutdown still reach a running engine.
    assertThat(order.subList(0, 2)).containsExactly("graceful web shutdown", "engine open");
    assertThat(order).containsSubsequence("web server stop", "engine closed");
    assertThat(order.indexOf("web server stop")).isEqualTo(order.size() - 2);
  }

  private static boolean isClosed(Switchboard engine) {
    try {
      await(engine.snapshot());
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  /** A lifecycle bean that records its stop. */
  static final class Recording implements SmartLifecycle {
    private final String name;
    private final int phase;
    private final List<String> order;
    volatile Runnable onStop = () -> {};
    private volatile boolean running;

    Recording(String name, int phase, List<String> order) {
      this.name = name;
      this.phase = phase;
      this.order = order;
    }

    @Override
    public void start() {
      running = true;
    }

    @Override
    public void stop() {
      order.add(name);
      onStop.run();
      running = false;
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return phase;
    }
  }

  /** A cluster of two domains, one led here. */
  static final class FakeCluster implements SwitchboardCluster {
    @Override
    public String node() {
      return "node-a";
    }

    @Override
    public String address() {
      return "127.0.0.1:1";
    }

    @Override
    public Set<String> domains() {
      return Set.of("eu", "us");
    }

    @Override
    public Set<String> leading() {
      return Set.of("eu");
    }

    @Override
    public List<DomainStatus> status() {
      return List.of(new DomainStatus("eu", true, 3, 40), new DomainStatus("us", false, 2, 7));
    }

    @Override
    public Route route(String domain) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
