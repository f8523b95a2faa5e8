package dev.switchboard.cluster;

import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.internal.check.Checks;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A base for the builders of a node of a {@link SwitchboardCluster} on some store: the options
 * every such node has (its name and address, the domains, how to configure a domain's engine and
 * journal, the domain listener), each settable once (a value refused does not count). A cluster
 * on a store extends it with its own options and {@link #build}. Every node of a cluster serves
 * the same domains with the same engine and journal configuration per domain; each has its own
 * name and address.
 *
 * @param <B> the builder itself, which every option returns
 * @param <J> the builder of one domain's journal, which {@link #journals} adjusts
 * @since 0.4
 */
public abstract class ClusterBuilder<B extends ClusterBuilder<B, J>, J> {

  private final Set<String> setOnce = new LinkedHashSet<>();
  private String node;
  private String address;
  private Set<String> domains;
  private Function<String, SwitchboardBuilder> engines;
  private UnaryOperator<J> journals = UnaryOperator.identity();
  private DomainListener listener = new DomainListener() {};

  /** A builder with no option set. */
  protected ClusterBuilder() {}

  /**
   * This node's name, unique in the cluster (1 to 200 characters, no control characters), and
   * the address other nodes hand out for it in {@code Route.Elsewhere} (the host's own: a URL,
   * host and port); required.
   */
  public final B node(String name, String address) {
    Checks.name("node", name);
    Objects.requireNonNull(address, "address");
    if (address.isBlank() || address.length() > 1000) {
      throw new IllegalArgumentException("address is \"" + address + "\"; allowed: 1 to 1,000"
          + " characters, not only spaces");
    }
    once("node");
    this.node = name;
    this.address = address;
    return self();
  }

  /**
   * The domains the cluster serves, the same on every node (1 to 200 characters each, no control
   * characters); required, at least one.
   */
  public final B domains(Set<String> domains) {
    Objects.requireNonNull(domains, "domains");
    if (domains.isEmpty()) {
      throw new IllegalArgumentException("domains is empty; allowed: one domain or more");
    }
    for (String d : domains) {
      Checks.name("domain", d);
    }
    once("domains");
    this.domains = new TreeSet<>(domains);
    return self();
  }

  /**
   * How to configure a domain's engine: a builder with its channels, queues, skills and
   * listeners, but no journal (the cluster sets it); required. Called each time this node starts
   * following the domain; every node must configure a domain alike, as its journal is replayed
   * by whichever node takes it over.
   */
  public final B engines(Function<String, SwitchboardBuilder> engines) {
    Objects.requireNonNull(engines, "engines");
    once("engines");
    this.engines = engines;
    return self();
  }

  /**
   * Adjusts each domain's journal (durability, group commit, snapshots and what else the store's
   * journal builder offers) on a builder whose domain is already set; its defaults otherwise.
   */
  public final B journals(UnaryOperator<J> journals) {
    Objects.requireNonNull(journals, "journals");
    once("journals");
    this.journals = journals;
    return self();
  }

  /** Hears when this node gains or loses a domain; none by default. */
  public final B listener(DomainListener listener) {
    Objects.requireNonNull(listener, "listener");
    once("listener");
    this.listener = listener;
    return self();
  }

  /**
   * Starts the node. Throws {@link IllegalStateException} naming a required option not set
   * ({@link #checkRequired}).
   */
  public abstract SwitchboardCluster build();

  /** Marks the option set; throws {@link IllegalStateException} when it was already. */
  protected final void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }

  /** Throws {@link IllegalStateException} naming the first required option not set. */
  protected final void checkRequired() {
    for (String required : new String[] {"node", "domains", "engines"}) {
      if (!setOnce.contains(required)) {
        throw new IllegalStateException(required + " is required");
      }
    }
  }

  /** This node's name; null until set. */
  protected final String nodeName() {
    return node;
  }

  /** This node's address; null until set. */
  protected final String nodeAddress() {
    return address;
  }

  /** The domains, sorted; null until set. */
  protected final Set<String> domainNames() {
    return domains;
  }

  /** How to configure a domain's engine; null until set. */
  protected final Function<String, SwitchboardBuilder> engineBuilders() {
    return engines;
  }

  /** A domain's journal builder as {@link #journals} adjusts it. */
  protected final J journal(J builder) {
    return journals.apply(builder);
  }

  /** The domain listener. */
  protected final DomainListener domainListener() {
    return listener;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
