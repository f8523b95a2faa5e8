package dev.switchboard.spi;

/**
 * An adapter's health as it reports it through {@link ChannelContext#health}.
 *
 * @param status up, degraded or down
 * @param reason why the adapter is degraded or down (e.g. "IMAP login refused"); empty when up
 * @since 0.1
 */
public record Health(Status status, String reason) {

  /** How well the adapter is working. */
  public enum Status {
    /** Working normally. */
    UP,
    /** Working, but slower or partly (e.g. the provider is throttling). */
    DEGRADED,
    /** Not working: no inbound is read and deliveries will fail. */
    DOWN
  }

  private static final Health UP = new Health(Status.UP, "");

  /** Validates that degraded and down carry a reason. */
  public Health {
    Checks.notNull("status", status);
    Checks.notNull("reason", reason);
    if (status != Status.UP && reason.isBlank()) {
      throw new IllegalArgumentException("health " + status + " needs a reason");
    }
  }

  /** Working normally. */
  public static Health up() {
    return UP;
  }

  /** Working partly, for the given reason. */
  public static Health degraded(String reason) {
    return new Health(Status.DEGRADED, reason);
  }

  /** Not working, for the given reason. */
  public static Health down(String reason) {
    return new Health(Status.DOWN, reason);
  }
}
