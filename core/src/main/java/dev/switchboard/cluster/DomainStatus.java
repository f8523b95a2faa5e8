package dev.switchboard.cluster;

import java.util.Objects;

/**
 * Where one routing domain stands on this node, for health checks and metrics: whether the node
 * leads it or follows it, in which epoch, and how far into the domain's journal its engine has
 * got. A follower's position beside the leader's is its replication lag, in entries.
 *
 * @param domain the domain
 * @param leading whether this node leads the domain now
 * @param epoch this node's epoch for the domain while it leads; 0 while it follows
 * @param position the last journal entry this node's engine for the domain has applied (as leader,
 *     appended; as follower, replayed); 0 before the first
 * @since 0.3
 */
public record DomainStatus(String domain, boolean leading, long epoch, long position) {

  /** Checks the fields. */
  public DomainStatus {
    Objects.requireNonNull(domain, "domain");
  }
}
