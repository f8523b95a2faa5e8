package dev.switchboard.spring.boot;

import dev.switchboard.Switchboard;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.spring.boot.internal.JournalWatch;
import dev.switchboard.spring.boot.internal.SwitchboardHealthIndicator;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code switchboard} health indicator, when Boot's health support (actuator) is present:
 * the engine running, each adapter's health, the journal's state and lag, and the leadership of
 * each domain when the host has a {@link SwitchboardCluster} bean. Turned off with {@code
 * management.health.switchboard.enabled=false}.
 *
 * @since 0.1
 */
@AutoConfiguration(after = SwitchboardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Switchboard.class)
@ConditionalOnEnabledHealthIndicator("switchboard")
// "exports": its annotations name Boot's health types, which hosts need only when present;
// Boot reads the annotations, clients never do.
@SuppressWarnings("exports")
public class SwitchboardHealthAutoConfiguration {

  /** How long the indicator waits for the engine's answers. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** Made by Spring. */
  public SwitchboardHealthAutoConfiguration() {}

  /** The indicator, named {@code switchboard} in the health report. */
  @Bean
  @ConditionalOnMissingBean(name = "switchboardHealthIndicator")
  HealthIndicator switchboardHealthIndicator(Switchboard engine,
      ObjectProvider<JournalWatch> journal, ObjectProvider<SwitchboardCluster> cluster) {
    return new SwitchboardHealthIndicator(engine,
        journal.getIfAvailable(() -> new JournalWatch("unknown")),
        Optional.ofNullable(cluster.getIfUnique()), TIMEOUT);
  }
}
