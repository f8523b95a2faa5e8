package dev.switchboard.journal.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * Makes the node of a {@link dev.switchboard.cluster.SwitchboardCluster} whose domains keep their
 * journals on Kafka: leadership decided by a Kafka consumer group that assigns each domain's
 * journal partition to one node, fencing by the producer epoch, hot standbys that tail the
 * partition with {@code read_committed}. See {@link KafkaClusterBuilder}.
 *
 * <pre>{@code
 * SwitchboardCluster cluster = KafkaCluster.builder(Map.of("bootstrap.servers", "kafka-1:9092"))
 *     .node("node-a", "http://10.0.0.5:8080")
 *     .domains(Set.of("tenant-a", "tenant-b"))
 *     .engines(domain -> Switchboard.builder().channel(...).queue(...))
 *     .build();
 * }</pre>
 *
 * @since 0.3
 */
public final class KafkaCluster {

  private KafkaCluster() {}

  /**
   * A builder for this node of a cluster on Kafka, reached with these client properties (as
   * {@link KafkaJournals#builder} takes them).
   */
  public static KafkaClusterBuilder builder(Map<String, ?> clientProperties) {
    Objects.requireNonNull(clientProperties, "clientProperties");
    return new KafkaClusterBuilder(KafkaJournalBuilder.checkClientProperties(clientProperties));
  }
}
