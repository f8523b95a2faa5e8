package dev.switchboard.internal.index;

import dev.switchboard.internal.engine.Eligibility;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.engine.LiveItem;
import dev.switchboard.internal.engine.Orders;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * Everything that competes for one eligibility: the items waiting with it, in backlog order, and
 * the admitted agents free to take one, in the strategy's order. After each command the engine
 * leaves no lane with a waiting item and a free agent who has not declined it.
 */
final class Lane {

  final Eligibility eligibility;
  final TreeSet<LiveItem> waiting = new TreeSet<>(Orders.BACKLOG);
  final FreeAgents<Lane> free;
  /** Admitted agents logged in (available or away), for skipping unstaffed steps. */
  int loggedIn;

  Lane(Eligibility eligibility, Comparator<LiveAgent> agentOrder, long seed) {
    this.eligibility = eligibility;
    this.free = new FreeAgents<>(agentOrder, seed);
  }

  int channel() {
    return eligibility.channel();
  }
}
