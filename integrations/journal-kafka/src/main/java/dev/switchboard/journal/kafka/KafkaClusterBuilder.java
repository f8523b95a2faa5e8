package dev.switchboard.journal.kafka;

import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.kafka.internal.ClusterNode;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Configures one node of a cluster on Kafka; each option may be set once (a value refused does
 * not count). Every node of a cluster serves the same domains with the same engine and journal
 * configuration per domain; each has its own name and address.
 *
 * @since 0.3
 */
public final class KafkaClusterBuilder {

  private final Map<String, Object> clientProperties;
  private final Set<String> setOnce = new LinkedHashSet<>();
  private String node;
  private String address;
  private Set<String> domains;
  private Function<String, SwitchboardBuilder> engines;
  private UnaryOperator<KafkaJournalBuilder> journals = UnaryOperator.identity();
  private DomainListener listener = new DomainListener() {};
  private Duration sessionTimeout = Duration.ofSeconds(10);

  KafkaClusterBuilder(Map<String, Object> clientProperties) {
    this.clientProperties = clientProperties;
  }

  /**
   * This node's name, unique in the cluster (1 to 200 characters, no control characters), and
   * the address other nodes hand out for it in {@code Route.Elsewhere} (the host's own: a URL,
   * host and port); required.
   */
  public KafkaClusterBuilder node(String name, String address) {
    KafkaJournalBuilder.checkName("node", name);
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
  public KafkaClusterBuilder domains(Set<String> domains) {
    Objects.requireNonNull(domains, "domains");
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("domains is empty; allowed: one domain or more");
    }
    for (String d : domains) {
      KafkaJournalBuilder.checkName("domain", d);
    }
    once("domains");
    this.domains = new TreeSet<>(domains);
    return this;
  }

  /**
   * How to configure a domain's engine: a builder with its channels, queues, skills and
   * listeners, but no journal (the cluster sets it); required. Called each time this node starts
   * following the domain; every node must configure a domain alike, as its journal is replayed
   * by whichever node takes it over.
   */
  public KafkaClusterBuilder engines(Function<String, SwitchboardBuilder> engines) {
    Objects.requireNonNull(engines, "engines");
    once("engines");
    this.engines = engines;
    return this;
  }

  /**
   * Adjusts each domain's journal (durability, group commit, snapshots, topic prefix, replicas)
   * on a builder whose domain is already set; the defaults of {@link KafkaJournals#builder}
   * otherwise. The consumer group of the cluster is named from the journals' topic prefix.
   */
  public KafkaClusterBuilder journals(UnaryOperator<KafkaJournalBuilder> journals) {
    Objects.requireNonNull(journals, "journals");
    once("journals");
    this.journals = journals;
    return this;
  }

  /** Hears when this node gains or loses a domain; none by default. */
  public KafkaClusterBuilder listener(DomainListener listener) {
    Objects.requireNonNull(listener, "listener");
    once("listener");
    this.listener = listener;
    return this;
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
  public SwitchboardCluster build() {
    for (String required : new String[] {"node", "domains", "engines"}) {
      if (!setOnce.contains(required)) {
        throw new IllegalStateException(required + " is required");
      }
    }
    return new ClusterNode(clientProperties, node, address, domains, engines,
        domain -> journals.apply(KafkaJournals.builder(clientProperties).domain(domain))
            .settings(), listener, sessionTimeout.toMillis());
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }
}
