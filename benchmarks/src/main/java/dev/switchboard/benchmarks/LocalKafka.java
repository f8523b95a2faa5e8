package dev.switchboard.benchmarks;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A Kafka broker in this JVM for {@link JournalDurabilityBenchmark}: Kafka's own KRaft test kit,
 * one node that is both controller and broker, on loopback, its logs in a temporary directory
 * removed when it stops, as the journal's tests run it. One replica (journals on it need {@code
 * unsafeSingleBroker()}), and Kafka's defaults otherwise: the broker acknowledges once the
 * records are in its log (the page cache), it does not fsync them per commit.
 */
final class LocalKafka implements AutoCloseable {

  private final KafkaClusterTestKit cluster;

  private LocalKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  static LocalKafka start() throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "1")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new LocalKafka(cluster);
  }

  /** The client properties that reach the broker. */
  Map<String, Object> clientProperties() {
    return Map.of("bootstrap.servers", cluster.bootstrapServers());
  }

  /** Where the broker keeps its logs. */
  String logDirectories() {
    return cluster.nodes().brokerNodes().values().iterator().next().logDataDirectories()
        .toString();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
