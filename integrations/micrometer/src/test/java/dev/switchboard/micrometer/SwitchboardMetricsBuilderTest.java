package dev.switchboard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.kpi.Dimension;
import dev.switchboard.kpi.LiveKpis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Options are refused clearly; on the threaded engine a read waits for the loop's answer. */
class SwitchboardMetricsBuilderTest {

  private final Switchboard idle = Switchboard.builder().build();

  @AfterEach
  void close() {
    idle.close();
  }

  @Test
  void onTheThreadedEngine_theFirstRead_waitsForTheLoopsAnswer() {
    try (Switchboard engine = Switchboard.builder().build()) {
      engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build());
      engine.setPresence("ann", Presence.AVAILABLE).toCompletableFuture().join();
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      SwitchboardMetrics.builder(engine).waitAtMost(Duration.ofMinutes(1)).build()
          .bindTo(registry);

      assertThat(registry.get("switchboard.agents").tag("presence", "available").gauge().value())
          .isEqualTo(1);
      assertThat(registry.find("switchboard.queue.offered").meters()).isEmpty();   // no KPIs
    }
  }

  @Test
  void eachOption_mayBeSetOnce() {
    SwitchboardMetrics.Builder b = SwitchboardMetrics.builder(idle)
        .cacheFor(Duration.ofSeconds(2));
    assertThatThrownBy(() -> b.cacheFor(Duration.ofSeconds(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cacheFor is already set to PT2S; each option may be set once");
  }

  @Test
  void badDurations_areRefused_sayingWhatIsAllowed() {
    SwitchboardMetrics.Builder b = SwitchboardMetrics.builder(idle);
    assertThatThrownBy(() -> b.cacheFor(Duration.ZERO))
        .hasMessage("cacheFor is PT0S; allowed: above 0 up to PT10M");
    assertThatThrownBy(() -> b.waitAtMost(Duration.ofSeconds(-1)))
        .hasMessage("waitAtMost is PT-1S; allowed: 0 to PT10M");
  }

  @Test
  void dimensionsWithoutKpis_areRefused_namingBoth() {
    assertThatThrownBy(() -> SwitchboardMetrics.builder(idle)
        .dimensions(Dimension.QUEUE).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dimensions [QUEUE] are set but kpis is not; KPI dimensions need the"
            + " engine's LiveKpis");
    assertThat(SwitchboardMetrics.builder(idle)
        .kpis(LiveKpis.builder().build()).dimensions(Dimension.AGENT).build()).isNotNull();
  }
}
