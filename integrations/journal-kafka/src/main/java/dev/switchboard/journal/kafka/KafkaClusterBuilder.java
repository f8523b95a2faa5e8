package dev.switchboard.journal.kafka;

import dev.switchboard.cluster.ClusterBuilder;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.kafka.internal.ClusterNode;
import java.time.Duration;
import java.util.Map;

/**
 * Configures one node of a cluster on Kafka; each option may be set once (a value refused does
 * not count). Every node of a cluster serves the same domains with the same engine and journal
 * configuration per domain; each has its own name and address. The journals' defaults are those
 * of {@link KafkaJournals#builder}, and {@link #journals} may also set their topic prefix and
 * replicas; the consumer group of the cluster is named from the journals' topic prefix.
 *
 * @since 0.3
 */
public final class KafkaClusterBuilder
    extends ClusterBuilder<KafkaClusterBuilder, KafkaJournalBuilder> {

  private final Map<String, Object> clientProperties;
  private Duration sessionTimeout = Duration.ofSeconds(10);

  KafkaClusterBuilder(Map<String, Object> clientProperties) {
    this.clientProperties = clientProperties;
  }

  /**
   * How long the group coordinator waits for a silent node before it gives the node's domains
   * to the others ({@code session.timeout.ms}); 10 seconds by default, from 1 second to 5
   * minutes, within what the brokers allow ({@code group.min.session.timeout.ms}, 6 s by
   * default, and {@code group.max.session.timeout.ms}).
   */
  public KafkaClusterBuilder sessionTimeout(Duration timeout) {
    KafkaJournalBuilder.checkDuration("sessionTimeout", timeout, Duration.ofSeconds(1),
        Duration.ofMinutes(5), "1 second to 5 minutes");
    once("sessionTimeout");
    this.sessionTimeout = timeout;
    return this;
  }

  /**
   * Starts the node: creates or checks every domain's topics, follows every domain, and joins
   * the cluster's consumer group, which hands it its share of the domains to lead. Throws
   * {@link IllegalStateException} naming a required option not set, and {@code
   * JournalException} when a domain's topics cannot be prepared.
   */
  @Override
  public SwitchboardCluster build() {
    checkRequired();
    return new ClusterNode(clientProperties, nodeName(), nodeAddress(), domainNames(),
        engineBuilders(), domain -> journal(KafkaJournals.builder(clientProperties)
            .domain(domain)).settings(), domainListener(), sessionTimeout.toMillis());
  }
}
