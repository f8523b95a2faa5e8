package dev.switchboard.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a Prometheus server reads: names with their units, tags as labels, and the values. */
class PrometheusScrapeTest {

  @Test
  void scrape_carriesTheKpisAndTheEngineHealth_withUnitsInTheNames() {
    MockClock clock = new MockClock();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
        new PrometheusRegistry(), clock);
    try (Centre centre = new Centre().morning()) {
      SwitchboardMetrics metrics = SwitchboardMetrics.builder(centre.counted).kpis(centre.kpis)
          .clock(clock).waitAtMost(Duration.ZERO).build();
      metrics.bindTo(prometheus);
      var refreshed = metrics.refresh().toCompletableFuture();
      centre.engine.drain();
      refreshed.join();

      String scrape = prometheus.scrape();
      assertThat(scrape.lines()).contains(
          "switchboard_queue_service_level_ratio{period=\"interval\",queue=\"support\"} 0.5",
          "switchboard_queue_service_level_target_ratio{queue=\"support\"} 0.8",
          "switchboard_queue_offered_items{period=\"day\",queue=\"support\"} 3.0",
          "switchboard_queue_speed_of_answer_average_seconds{period=\"day\",queue=\"support\"}"
              + " 15.0",
          "switchboard_queue_backlog_items{queue=\"support\"} 1.0",
          "switchboard_queue_backlog_oldest_age_seconds{queue=\"support\"} 60.0",
          "switchboard_channel_handle_time_average_seconds{channel=\"email\",period=\"day\"}"
              + " 80.0",
          "switchboard_centre_offered_items{period=\"day\"} 4.0",
          "switchboard_items{queue=\"support\",state=\"queued\"} 1.0",
          "switchboard_agents{presence=\"available\"} 2.0",
          "switchboard_listener_failures_total 0.0",
          "switchboard_adapter_status{adapter=\"sms-line\",channel=\"sms\",status=\"up\"} 1.0",
          "switchboard_queue_occupancy_ratio{period=\"day\",queue=\"support\"} NaN");
      assertThat(centre.snapshotRequests).hasValue(1);
    }
  }
}
