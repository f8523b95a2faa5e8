package dev.switchboard.spi;

/**
 * Why a delivery failed: what the stage returned by {@link ChannelAdapter#deliver} completes
 * exceptionally with (rule 9 of {@link ChannelAdapter}).
 *
 * <p>A {@linkplain #retryable() retryable} failure (the provider timed out, throttled, or the
 * adapter is stopping) makes the host try again later with backoff; a permanent one (no such
 * recipient, message refused as too large) sends the message to the host's dead letters at once.
 * The host treats any other exception as retryable.
 *
 * @since 0.1
 */
public final class DeliveryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  private DeliveryException(String message, boolean retryable, Throwable cause) {
    super(Checks.text("failure message", message, 4096), cause);
    this.retryable = retryable;
  }

  /** A failure that may succeed if tried again later. */
  public static DeliveryException retryable(String message) {
    return new DeliveryException(message, true, null);
  }

  /** A failure that may succeed if tried again later, caused by {@code cause}. */
  public static DeliveryException retryable(String message, Throwable cause) {
    return new DeliveryException(message, true, cause);
  }

  /** A failure that will fail again however often it is tried. */
  public static DeliveryException permanent(String message) {
    return new DeliveryException(message, false, null);
  }

  /** A failure that will fail again however often it is tried, caused by {@code cause}. */
  public static DeliveryException permanent(String message, Throwable cause) {
    return new DeliveryException(message, false, cause);
  }

  /** Whether trying again later may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
