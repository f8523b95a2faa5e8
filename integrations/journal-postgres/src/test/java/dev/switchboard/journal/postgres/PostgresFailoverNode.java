package dev.switchboard.journal.postgres;

import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.tck.failover.FailoverNode;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One node of the failover test, run in a JVM of its own: a {@link SwitchboardCluster} on the
 * test's PostgreSQL serving the shared {@link FailoverNode} protocol and recording its effects.
 *
 * <p>Arguments: node name, JDBC URL, domains (comma-separated), lease in milliseconds, effects
 * file. It prints {@code READY <port>} once it serves.
 */
public final class PostgresFailoverNode {

  private PostgresFailoverNode() {}

  public static void main(String[] args) throws Exception {
    String name = args[0];
    DataSource dataSource = new UrlDataSource(args[1] + (args[1].contains("?") ? "&" : "?")
        + "ApplicationName=" + name + "&connectTimeout=5");
    Set<String> domains = Set.of(args[2].split(","));
    long leaseMillis = Long.parseLong(args[3]);
    FailoverNode.Effects effects = new FailoverNode.Effects(Path.of(args[4]));
    ServerSocket server = FailoverNode.socket();
    SwitchboardCluster cluster = PostgresCluster.builder(dataSource)
        .node(name, FailoverNode.address(server))
        .domains(domains)
        .engines(domain -> FailoverNode.engine().listener(effects.listener(domain)))
        .journals(j -> j.snapshotInterval(100).snapshotsKept(1_000_000))
        .listener(effects)
        .lease(Duration.ofMillis(leaseMillis))
        .pollInterval(Duration.ofMillis(100))
        .build();
    FailoverNode.serve(cluster, server);
  }
}
