package dev.switchboard.internal.engine;

import dev.switchboard.SelectionStrategy;
import java.util.Comparator;

/** The orders routing ranks by: the backlog's, and each strategy's order of agents. */
public final class Orders {

  /** Backlog order: higher priority, then earlier SLA deadline, then older, then submitted first. */
  public static final Comparator<LiveItem> BACKLOG = (a, b) -> {
    if (a.priority() != b.priority()) {
      return a.priority() > b.priority() ? -1 : 1;
    }
    int c = Long.compare(a.slaDeadline(), b.slaDeadline());
    if (c != 0) {
      return c;
    }
    c = Long.compare(a.createdAt(), b.createdAt());
    return c != 0 ? c : Long.compare(a.sequence(), b.sequence());
  };

  private static final Comparator<LiveAgent> IDLE = (a, b) -> {
    int c = Long.compare(a.lastActivity(), b.lastActivity());
    return c != 0 ? c : Integer.compare(a.sequence(), b.sequence());
  };

  private static final Comparator<LiveAgent> SEQUENCE =
      (a, b) -> Integer.compare(a.sequence(), b.sequence());

  private static final Comparator<LiveAgent> OCCUPANCY = (a, b) -> {
    long c = (long) a.totalLoad() * b.totalCapacity() - (long) b.totalLoad() * a.totalCapacity();
    return c != 0 ? (c < 0 ? -1 : 1) : IDLE.compare(a, b);
  };

  private Orders() {}

  /** The order in which the strategy prefers agents for items of this eligibility. */
  public static Comparator<LiveAgent> agents(SelectionStrategy strategy, Eligibility eligibility) {
    return switch (strategy) {
      case LONGEST_IDLE -> IDLE;
      case LEAST_OCCUPIED -> OCCUPANCY;
      case ROUND_ROBIN -> SEQUENCE;
      case HIGHEST_PROFICIENCY -> (a, b) -> {
        int c = Integer.compare(b.proficiency(eligibility), a.proficiency(eligibility));
        return c != 0 ? c : IDLE.compare(a, b);
      };
    };
  }
}
