package dev.switchboard.crowd;

/**
 * Host hook told when a helper earns points, to turn them into rewards (a badge, a discount,
 * early access); it may call {@link Crowd#redeem} to spend them. Called outside the help desk's
 * lock, one call at a time, in ledger order; an exception is logged and counted, never passed on.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RewardHook {

  /** A helper earned points; {@code entry.balance()} is their new balance. */
  void pointsEarned(LedgerEntry entry);
}
