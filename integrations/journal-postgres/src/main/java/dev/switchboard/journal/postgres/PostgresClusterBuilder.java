package dev.switchboard.journal.postgres;

import dev.switchboard.cluster.ClusterBuilder;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.postgres.internal.ClusterNode;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Configures one node of a cluster on PostgreSQL; each option may be set once (a value refused
 * does not count). Every node of a cluster serves the same domains with the same engine
 * configuration per domain; each has its own name and address. A domain's engine is configured
 * ({@link #engines}) on the thread of its standby; the journals' defaults are those of {@link
 * PostgresJournals#builder}.
 *
 * @since 0.3
 */
public final class PostgresClusterBuilder
    extends ClusterBuilder<PostgresClusterBuilder, PostgresJournalBuilder> {

  private final DataSource dataSource;
  private Duration lease = Duration.ofSeconds(10);
  private Duration pollInterval = Duration.ofSeconds(1);

  PostgresClusterBuilder(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * How long a leader's lease lasts; 10 seconds by default, from 500 ms to 5 minutes. The leader
   * renews it every quarter lease; when it cannot, it stops leading before the lease runs out by
   * its own clock, and a follower takes over once it ran out by the database's clock. A
   * leader's death therefore costs at most about one lease of routing for its domains.
   */
  public PostgresClusterBuilder lease(Duration lease) {
    Objects.requireNonNull(lease, "lease");
    if (lease.compareTo(Duration.ofMillis(500)) < 0 || lease.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("lease is " + lease + "; allowed: 500 ms to 5 minutes");
    }
    once("lease");
    this.lease = lease;
    return this;
  }

  /**
   * How often a standby reads its domain's new entries when no notification woke it; one second
   * by default, from 10 ms to one minute.
   */
  public PostgresClusterBuilder pollInterval(Duration interval) {
    Objects.requireNonNull(interval, "pollInterval");
    if (interval.compareTo(Duration.ofMillis(10)) < 0
        || interval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("pollInterval is " + interval
          + "; allowed: 10 ms to one minute");
    }
    once("pollInterval");
    this.pollInterval = interval;
    return this;
  }

  /**
   * Starts the node: creates or upgrades the schema, then follows every domain, taking over those
   * without a live leader up to its share. Throws {@link IllegalStateException} naming a required
   * option not set, and {@code JournalException} when the database cannot be prepared.
   */
  @Override
  public SwitchboardCluster build() {
    checkRequired();
    return new ClusterNode(dataSource, nodeName(), nodeAddress(), domainNames(), engineBuilders(),
        domain -> journal(PostgresJournals.builder(dataSource).domain(domain)).settings(),
        domainListener(), lease.toNanos(), pollInterval.toNanos());
  }
}
