package dev.switchboard.spring.boot;

import dev.switchboard.Switchboard;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.micrometer.SwitchboardMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The engine's Micrometer meters (switchboard-micrometer's {@link SwitchboardMetrics}), when that
 * module is present and the application has a {@link MeterRegistry}: declared as a {@code
 * MeterBinder} bean, which Boot's metrics support binds to every registry. A {@link LiveKpis}
 * bean adds the live KPIs per queue and channel.
 *
 * @since 0.1
 */
@AutoConfiguration(after = SwitchboardAutoConfiguration.class, afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple"
        + ".SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({SwitchboardMetrics.class, MeterRegistry.class})
@ConditionalOnBean({Switchboard.class, MeterRegistry.class})
// "exports": its annotations name Micrometer's types, which hosts need only when present;
// Boot reads the annotations, clients never do.
@SuppressWarnings("exports")
public class SwitchboardMetricsAutoConfiguration {

  /** Made by Spring. */
  public SwitchboardMetricsAutoConfiguration() {}

  /**
   * The engine's meters, bound by Boot to the application's registries; with the KPIs of a
   * {@link LiveKpis} bean (which, being a listener, also receives the engine's events).
   */
  @Bean
  @ConditionalOnMissingBean
  SwitchboardMetrics switchboardMetrics(Switchboard engine, ObjectProvider<LiveKpis> kpis) {
    SwitchboardMetrics.Builder b = SwitchboardMetrics.builder(engine);
    LiveKpis live = kpis.getIfUnique();
    if (live != null) {
      b.kpis(live);
    }
    return b.build();
  }
}
