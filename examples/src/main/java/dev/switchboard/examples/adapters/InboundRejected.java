package dev.switchboard.examples.adapters;

/**
 * Inbound traffic an adapter refuses at its boundary: {@link #reason()} is a short code for
 * counting ({@code "no-sender"}, {@code "too-large"}, ...) and the message says what was wrong and
 * what is allowed.
 */
public final class InboundRejected extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A rejection with a counting code and a sentence for the log or the sender. */
  public InboundRejected(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The short code this rejection is counted under. */
  public String reason() {
    return reason;
  }
}
