package dev.switchboard.journal.postgres;

import javax.sql.DataSource;

/**
 * Makes the node of a {@link dev.switchboard.cluster.SwitchboardCluster} whose domains keep their
 * journals in PostgreSQL: leadership by a lease row per domain, fencing by the epoch every append
 * checks in its own transaction, hot standbys that tail the log. See {@link
 * PostgresClusterBuilder}.
 *
 * <pre>{@code
 * SwitchboardCluster cluster = PostgresCluster.builder(dataSource)
 *     .node("node-a", "http://10.0.0.5:8080")
 *     .domains(Set.of("tenant-a", "tenant-b"))
 *     .engines(domain -> Switchboard.builder().channel(...).queue(...))
 *     .listener(new DomainListener() { ... })
 *     .build();
 * }</pre>
 *
 * @since 0.3
 */
public final class PostgresCluster {

  private PostgresCluster() {}

  /** A builder for this node of a cluster on the host's data source. */
  public static PostgresClusterBuilder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new NullPointerException("dataSource");
    }
    return new PostgresClusterBuilder(dataSource);
  }
}
