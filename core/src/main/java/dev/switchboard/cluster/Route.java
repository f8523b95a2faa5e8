package dev.switchboard.cluster;

import dev.switchboard.Switchboard;
import java.util.Objects;

/**
 * Where a routing domain's commands go now, as {@link SwitchboardCluster#route} answers: to this
 * node's engine, to another node (the answer a host turns into NOT_LEADER with the leader's
 * address, for its transport or load balancer to forward), or nowhere yet while a failover is
 * in progress (retry shortly).
 *
 * @since 0.3
 */
public sealed interface Route {

  /** The domain. */
  String domain();

  /**
   * This node leads the domain: apply the command on its engine. A command may still be refused
   * with {@code NOT_LEADER} if the node loses the domain before applying it.
   *
   * @param domain the domain
   * @param engine this node's engine for the domain
   * @param epoch this node's epoch for the domain: a fencing token for the host's own effects
   */
  record Leader(String domain, Switchboard engine, long epoch) implements Route {
    /** Checks the fields. */
    public Leader {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(engine, "engine");
    }
  }

  /**
   * Another node leads the domain, as far as this node saw at its last look at the store.
   *
   * @param domain the domain
   * @param node the leading node's name
   * @param address the leading node's advertised address
   * @param epoch the leader's epoch: it rises with every change of leader
   */
  record Elsewhere(String domain, String node, String address, long epoch) implements Route {
    /** Checks the fields. */
    public Elsewhere {
      Objects.requireNonNull(domain, "domain");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * No node holds a live lease on the domain: its leader died or released it and a follower is
   * taking over. Retry after a moment.
   *
   * @param domain the domain
   */
  record NoLeader(String domain) implements Route {
    /** Checks the fields. */
    public NoLeader {
      Objects.requireNonNull(domain, "domain");
    }
  }
}
