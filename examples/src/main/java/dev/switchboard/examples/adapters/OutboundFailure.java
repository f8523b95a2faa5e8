package dev.switchboard.examples.adapters;

/**
 * A message an adapter could not hand to its protocol's counterpart. {@link #retryable()} says
 * whether trying again later may succeed (the server was down, busy or timed out) or never will
 * (the address is invalid, the counterpart refused the message as malformed).
 */
public final class OutboundFailure extends Exception {

  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** A failure; {@code reason} says what went wrong in words an operator can act on. */
  public OutboundFailure(boolean retryable, String reason, Throwable cause) {
    super(reason, cause);
    this.retryable = retryable;
  }

  /** Whether a later attempt may succeed. */
  public boolean retryable() {
    return retryable;
  }
}
