package dev.switchboard.helpdesk;

import dev.switchboard.internal.check.Checks;
import java.util.Objects;

/**
 * Who made a ticket change: the system (a timeout, the classifier), an agent, the end user or the
 * host application.
 *
 * @param kind what sort of actor
 * @param id the actor's id ({@code "system"} for the system)
 * @since 0.1
 */
public record Actor(Kind kind, String id) {

  /** What sort of actor made a change. */
  public enum Kind {
    /** The help desk itself: timeouts, the classifier, automatic phase changes. */
    SYSTEM,
    /** A staff agent of the switchboard. */
    AGENT,
    /** The end user the ticket is for. */
    END_USER,
    /** The host application, acting for someone it names. */
    HOST
  }

  private static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

  /** Validates the fields. */
  public Actor {
    Objects.requireNonNull(kind, "actor kind");
    Checks.id("actor id", id);
  }

  /** The help desk itself. */
  public static Actor system() {
    return SYSTEM;
  }

  /** A staff agent. */
  public static Actor agent(String agentId) {
    return new Actor(Kind.AGENT, agentId);
  }

  /** The end user. */
  public static Actor endUser(String userId) {
    return new Actor(Kind.END_USER, userId);
  }

  /** The host application, naming who it acts for. */
  public static Actor host(String id) {
    return new Actor(Kind.HOST, id);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
