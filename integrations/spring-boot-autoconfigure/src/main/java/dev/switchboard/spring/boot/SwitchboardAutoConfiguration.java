package dev.switchboard.spring.boot;

import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.journal.Journal;
import dev.switchboard.sla.AlertSink;
import dev.switchboard.spi.ChannelAdapter;
import dev.switchboard.spring.boot.internal.DiscoveredAdapters;
import dev.switchboard.spring.boot.internal.EngineSettings;
import dev.switchboard.spring.boot.internal.JournalWatch;
import dev.switchboard.spring.boot.internal.SwitchboardLifecycle;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Builds and starts a Switchboard engine from the {@code switchboard.*} properties, registers
 * every {@link RoutingEventListener} bean as a listener, every {@link ChannelAdapter} bean and
 * every adapter of {@code switchboard.adapters} as an adapter, an {@link AlertSink} bean as the
 * SLA alert sink, runs the {@link SwitchboardBuilderCustomizer} beans, and closes the engine
 * gracefully when the context closes. Each bean backs off when the host defines its own; {@code
 * switchboard.enabled=false} turns it all off.
 *
 * @since 0.1
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "switchboard.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SwitchboardProperties.class)
@Import({JournalConfigurations.FileJournalConfiguration.class,
    JournalConfigurations.PostgresJournalConfiguration.class})
// "exports": the imported journal configurations are package-private; Boot reads
// the annotations, clients never do.
@SuppressWarnings("exports")
public class SwitchboardAutoConfiguration {

  /** Made by Spring. */
  public SwitchboardAutoConfiguration() {}

  /**
   * The watch in front of the journal, read by the health indicator; "none" when the engine
   * keeps no journal.
   */
  @Bean
  @ConditionalOnMissingBean
  JournalWatch switchboardJournalWatch(ObjectProvider<Journal> journal) {
    return new JournalWatch(journal.getIfAvailable() == null ? "none"
        : JournalConfigurations.kind(journal.getIfAvailable()));
  }

  /** The engine, built from the properties and the host's beans, started at once. */
  @Bean
  @ConditionalOnMissingBean
  Switchboard switchboard(SwitchboardProperties properties, ObjectProvider<Journal> journal,
      JournalWatch watch, ObjectProvider<RoutingEventListener> listeners,
      ObjectProvider<ChannelAdapter> adapters, ObjectProvider<AlertSink> alertSink,
      ObjectProvider<SwitchboardBuilderCustomizer> customizers) {
    SwitchboardBuilder b = Switchboard.builder();
    EngineSettings.apply(properties, b);
    listeners.orderedStream().forEach(b::listener);
    Optional.ofNullable(alertSink.getIfUnique()).ifPresent(b::alertSink);
    adapters.orderedStream().forEach(b::adapter);
    DiscoveredAdapters.register(properties.adapters(), classLoader(), b);
    Journal j = journal.getIfAvailable();
    if (j != null) {
      b.journal(watch.wrap(j));
    } else {
      JournalConfigurations.requireNoneAsked(properties);
      watch.attachNone();
    }
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /** Closes the engine when the context closes, after the web server stopped taking requests. */
  @Bean
  @ConditionalOnMissingBean
  SwitchboardLifecycle switchboardLifecycle(Switchboard engine) {
    return new SwitchboardLifecycle(engine);
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : SwitchboardAutoConfiguration.class.getClassLoader();
  }
}
