package dev.switchboard.spi;

/**
 * The host's answer to {@link ChannelContext#inbound}: accepted, a duplicate of a message already
 * accepted, or rejected with a reason.
 *
 * <p>Once a message is {@link Status#ACCEPTED accepted} the host owns it durably: the adapter may
 * acknowledge it upstream (delete the mail, ack the webhook). {@link ChannelContext#inbound}
 * delivers this answer as a stage that completes only then. A {@link Status#DUPLICATE
 * duplicate} may be acknowledged too: the host already owns the original. A {@link
 * Status#REJECTED rejected} message is not the host's; the adapter decides, per its protocol,
 * whether to tell the sender, drop it, or leave it upstream to retry later (rule 8).
 *
 * @param status what happened
 * @param reason why the message was rejected or counted as a duplicate; empty when accepted
 * @since 0.1
 */
public record InboundResult(Status status, String reason) {

  /** What the host did with a reported message. */
  public enum Status {
    /** The host owns the message and will route it. */
    ACCEPTED,
    /** A message with the same idempotency key was accepted before; this one was dropped. */
    DUPLICATE,
    /** The host did not take the message; {@link InboundResult#reason()} says why. */
    REJECTED
  }

  private static final InboundResult ACCEPTED = new InboundResult(Status.ACCEPTED, "");

  /** Validates that a rejection or duplicate carries a reason and an acceptance none. */
  public InboundResult {
    Checks.notNull("status", status);
    Checks.notNull("reason", reason);
    if (status == Status.ACCEPTED && !reason.isEmpty()) {
      throw new IllegalArgumentException("an accepted result carries no reason, was '" + reason
          + "'");
    }
    if (status != Status.ACCEPTED && reason.isBlank()) {
      throw new IllegalArgumentException("a " + status + " result needs a reason");
    }
  }

  /** The message was accepted. */
  public static InboundResult accepted() {
    return ACCEPTED;
  }

  /** The message repeats one already accepted. */
  public static InboundResult duplicate(String reason) {
    return new InboundResult(Status.DUPLICATE, reason);
  }

  /** The message was rejected, for the given reason. */
  public static InboundResult rejected(String reason) {
    return new InboundResult(Status.REJECTED, reason);
  }

  /** Whether the host now owns the message (accepted, or a duplicate of one it owns). */
  public boolean owned() {
    return status != Status.REJECTED;
  }
}
