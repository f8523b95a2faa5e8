package dev.switchboard.cluster;

import java.util.Set;

/**
 * One node's part of a cluster that serves a set of routing domains: for each domain exactly one
 * node leads (runs the domain's engine, fenced by its journal), and the others follow its
 * journal so that one of them takes over within a lease when the leader dies. The host asks
 * {@link #route} where a domain's commands go, and hears through its {@link DomainListener}
 * when this node gains or loses a domain (to start or stop that domain's own routes).
 *
 * <p>Closing the cluster hands this node's domains over: their engines stop and their leases are
 * released, so the other nodes take them at once instead of after the lease.
 *
 * @since 0.3
 */
public interface SwitchboardCluster extends AutoCloseable {

  /** This node's name, unique in the cluster. */
  String node();

  /** This node's advertised address, as other nodes return it in {@link Route.Elsewhere}. */
  String address();

  /** Every domain the cluster serves. */
  Set<String> domains();

  /** The domains this node leads now: a snapshot, which changes on failover and rebalancing. */
  Set<String> leading();

  /** Each domain's standing on this node, in domain order: leading or following, and how far. */
  java.util.List<DomainStatus> status();

  /**
   * Where commands for the domain go now, without a round trip to the store: this node's engine,
   * the node believed to lead it, or none while a failover is in progress. Throws {@link
   * IllegalArgumentException} for a domain the cluster does not serve.
   */
  Route route(String domain);

  /** Stops leading and following, releasing this node's domains to the others. */
  @Override
  void close();
}
