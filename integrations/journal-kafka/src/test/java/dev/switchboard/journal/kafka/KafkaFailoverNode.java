package dev.switchboard.journal.kafka;

import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.tck.failover.FailoverNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * One node of the Kafka failover test, run in a JVM of its own: a {@link KafkaCluster} node on
 * the test's in-process broker (reached over loopback), serving the shared {@link FailoverNode}
 * protocol and recording its effects and the generations it gained domains in.
 *
 * <p>Arguments: node name, bootstrap servers, topic prefix, domains (comma-separated), session
 * timeout in milliseconds, effects file. It prints {@code READY <port>} once it serves.
 */
public final class KafkaFailoverNode {

  private KafkaFailoverNode() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    Map<String, Object> client = Map.of("bootstrap.servers", args[1],
        "request.timeout.ms", 5000, "default.api.timeout.ms", 20000);
    String prefix = args[2];
    Set<String> domains = Set.of(args[3].split(","));
    long sessionMillis = Long.parseLong(args[4]);
    FailoverNode.Effects effects = new FailoverNode.Effects(Path.of(args[5]));
    ServerSocket server = FailoverNode.socket();
    SwitchboardCluster cluster = KafkaCluster.builder(client)
        .node(name, FailoverNode.address(server))
        .domains(domains)
        .engines(domain -> FailoverNode.engine().listener(effects.listener(domain)))
        .journals(j -> j.topicPrefix(prefix).unsafeSingleBroker().snapshotInterval(100))
        .listener(effects)
        .sessionTimeout(Duration.ofMillis(sessionMillis))
        .build();
    FailoverNode.serve(cluster, server);
  }
}
