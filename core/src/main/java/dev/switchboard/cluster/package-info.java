/**
 * Serving routing domains from several nodes: a {@link dev.switchboard.cluster.SwitchboardCluster}
 * runs on each node, leads some domains (one engine each) and keeps hot standbys of the others,
 * and tells the host where a domain's commands go ({@link dev.switchboard.cluster.Route}) and when
 * it gains or loses a domain ({@link dev.switchboard.cluster.DomainListener}). Implementations
 * rest leadership and fencing on an existing distributed store, such as the PostgreSQL journal's
 * {@code PostgresCluster}; their node builders extend {@link
 * dev.switchboard.cluster.ClusterBuilder}.
 *
 * @since 0.3
 */
package dev.switchboard.cluster;
