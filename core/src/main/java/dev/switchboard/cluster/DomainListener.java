package dev.switchboard.cluster;

import dev.switchboard.Switchboard;

/**
 * Hears when this node gains or loses the leadership of a routing domain, to start or stop what
 * the host runs for that domain alone (its HTTP routes, its own schedulers). Called on a cluster
 * thread, one call at a time per domain; keep it short, and do not close the engine (the
 * cluster does).
 *
 * @since 0.3
 */
public interface DomainListener {

  /**
   * This node now leads the domain; its engine has recovered and runs. The epoch rises with every
   * change of leader: a host that writes the domain's effects to a system of its own can pass it
   * along as a fencing token, so that the system refuses a deposed leader's late writes.
   */
  default void gained(String domain, Switchboard engine, long epoch) {}

  /**
   * This node no longer leads the domain (another took it over, its lease ran out, its journal
   * failed, or it hands the domain to a node with fewer), said before its engine is closed.
   */
  default void lost(String domain, String why) {}
}
