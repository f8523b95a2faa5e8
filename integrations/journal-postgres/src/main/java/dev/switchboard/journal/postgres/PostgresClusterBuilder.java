package dev.switchboard.journal.postgres;

import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.postgres.internal.ClusterNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Configures one node of a cluster on PostgreSQL; each option may be set once (a value refused
 * does not count). Every node of a cluster serves the same domains with the same engine
 * configuration per domain; each has its own name and address.
 *
 * @since 0.3
 */
public final class PostgresClusterBuilder {

  private final DataSource dataSource;
  private final Set<String> setOnce = new LinkedHashSet<>();
  private String node;
  private String address;
  private Set<String> domains;
  private Function<String, SwitchboardBuilder> engines;
  private UnaryOperator<PostgresJournalBuilder> journals = UnaryOperator.identity();
  private DomainListener listener = new DomainListener() {};
  private Duration lease = Duration.ofSeconds(10);
  private Duration pollInterval = Duration.ofSeconds(1);

  PostgresClusterBuilder(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * This node's name, unique in the cluster (1 to 200 characters, no control characters), and
   * the address other nodes hand out for it in {@code Route.Elsewhere} (the host's own: a URL,
   * host and port); required.
   */
  public PostgresClusterBuilder node(String name, String address) {
    PostgresJournalBuilder.checkName("node", name);
    Objects.requireNonNull(address, "address");
    if (address.isBlank() || address.length() > 1000) {
      throw new IllegalArgumentException("address is \"" + address + "\"; allowed: 1 to 1,000"
          + " characters, not only spaces");
    }
    once("node");
    this.node = name;
    this.address = address;
    return this;
  }

  /** The domains the cluster serves, the same on every node; required, at least one. */
  public PostgresClusterBuilder domains(Set<String> domains) {
    Objects.requireNonNull(domains, "domains");
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("domains is empty; allowed: one domain or more");
    }
    for (String d : domains) {
      PostgresJournalBuilder.checkName("domain", d);
    }
    once("domains");
    this.domains = new TreeSet<>(domains);
    return this;
  }

  /**
   * How to configure a domain's engine: a builder with its channels, queues, skills and
   * listeners, but no journal (the cluster sets it); required. Called each time this node starts
   * following the domain, on the standby's thread; every node must configure a domain alike, as
   * its journal is replayed by whichever node takes it over.
   */
  public PostgresClusterBuilder engines(Function<String, SwitchboardBuilder> engines) {
    Objects.requireNonNull(engines, "engines");
    once("engines");
    this.engines = engines;
    return this;
  }

  /**
   * Adjusts each domain's journal (durability, group commit, snapshots) on a builder whose domain
   * is already set; the defaults of {@link PostgresJournals#builder} otherwise.
   */
  public PostgresClusterBuilder journals(UnaryOperator<PostgresJournalBuilder> journals) {
    Objects.requireNonNull(journals, "journals");
    once("journals");
    this.journals = journals;
    return this;
  }

  /** Hears when this node gains or loses a domain; none by default. */
  public PostgresClusterBuilder listener(DomainListener listener) {
    Objects.requireNonNull(listener, "listener");
    once("listener");
    this.listener = listener;
    return this;
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
  public SwitchboardCluster build() {
    for (String required : new String[] {"node", "domains", "engines"}) {
      if (!setOnce.contains(required)) {
        throw new IllegalStateException(required + " is required");
      }
    }
    return new ClusterNode(dataSource, node, address, domains, engines,
        domain -> journals.apply(PostgresJournals.builder(dataSource).domain(domain)).settings(),
        listener, lease.toNanos(), pollInterval.toNanos());
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }
}
