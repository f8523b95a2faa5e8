package dev.switchboard;

import java.util.Objects;

/**
 * Whether an agent takes work: offline, available, or away on a named activity (break, lunch,
 * training). Work an agent is wrapping up is a state of the item, not of the agent.
 *
 * @param status the kind of presence
 * @param activity the named activity when {@code status} is {@link Status#AWAY}; empty otherwise
 * @since 0.1
 */
public record Presence(Status status, String activity) {

  /** The kinds of presence. */
  public enum Status {
    /** Logged out: gets no offers and does not count as staffing a policy step. */
    OFFLINE,
    /** Logged in and taking work. */
    AVAILABLE,
    /** Logged in but not taking new work (break, lunch, meeting, missed offers). */
    AWAY
  }

  /** Logged out. */
  public static final Presence OFFLINE = new Presence(Status.OFFLINE, "");
  /** Logged in and taking work. */
  public static final Presence AVAILABLE = new Presence(Status.AVAILABLE, "");
  /** The activity the engine names when it sets an agent away for missing offers. */
  public static final String MISSED_OFFERS = "missed-offers";

  /** Validates that only {@code AWAY} names an activity, and that it does. */
  public Presence {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(activity, "activity");
    if (status == Status.AWAY && activity.isBlank()) {
      throw new IllegalArgumentException("an AWAY presence needs a named activity, e.g. \"break\"");
    }
    if (status != Status.AWAY && !activity.isEmpty()) {
      throw new IllegalArgumentException(
          "only an AWAY presence names an activity; " + status + " was given '" + activity + "'");
    }
  }

  /** Away on the named activity. */
  public static Presence away(String activity) {
    return new Presence(Status.AWAY, activity);
  }

  /** True when logged in (available or away). */
  public boolean loggedIn() {
    return status != Status.OFFLINE;
  }

  @Override
  public String toString() {
    return status == Status.AWAY ? "AWAY(" + activity + ")" : status.name();
  }
}
