package dev.switchboard;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a piece of work ended, as the agent who completed it reports it ("resolved", "escalated",
 * "no-answer", or a host's own code). Outcomes feed the measures of what service achieved.
 *
 * @param code 1 to 64 characters of {@code [A-Za-z0-9_.-]}
 * @since 0.1
 */
public record Outcome(String code) {

  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** The customer's need was met. */
  public static final Outcome RESOLVED = new Outcome("resolved");
  /** The work ended without meeting the need; it may come back. */
  public static final Outcome UNRESOLVED = new Outcome("unresolved");

  /** Validates the code. */
  public Outcome {
    Objects.requireNonNull(code, "outcome code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "outcome code '" + code + "' is not allowed: use 1 to 64 characters of [A-Za-z0-9_.-]");
    }
  }

  /** An outcome with a host-defined code. */
  public static Outcome of(String code) {
    return new Outcome(code);
  }
}
