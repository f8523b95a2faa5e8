package dev.switchboard.journal.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker in this JVM: Kafka's own KRaft test kit, one node that is both controller
 * and broker, on loopback ports it picks, in a temporary directory removed when it stops (no
 * Docker). As a JUnit extension ({@code @RegisterExtension static final TestKafka KAFKA = new
 * TestKafka();}) it runs for one test class, shared by its tests. Its internal topics have one
 * replica and one partition each, so that it starts in seconds; journals on it need {@code
 * unsafeSingleBroker()}.
 */
final class TestKafka implements BeforeAllCallback, AfterAllCallback {

  private KafkaClusterTestKit cluster;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).build();
    cluster = new KafkaClusterTestKit.Builder(nodes)
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("group.min.session.timeout.ms", "500")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  /** The client properties that reach the broker. */
  Map<String, Object> clientProperties() {
    return Map.of("bootstrap.servers", cluster.bootstrapServers());
  }

  /** The broker's log directories, where its partitions' segment files are. */
  List<Path> logDirectories() {
    return cluster.nodes().brokerNodes().values().stream()
        .flatMap(n -> n.logDataDirectories().stream()).map(Path::of).toList();
  }

  /** An admin client on the broker; the caller closes it. */
  Admin admin() {
    return Admin.create(clientProperties());
  }
}
