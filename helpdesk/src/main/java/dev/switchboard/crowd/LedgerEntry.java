package dev.switchboard.crowd;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to a helper's points: earned for an accepted answer, or redeemed for a reward.
 *
 * @param userId the helper
 * @param points points added (negative when redeemed)
 * @param balance the helper's balance after this entry
 * @param reason the question and answer ids for an earning, the reward for a redemption
 * @param at when
 * @since 0.1
 */
public record LedgerEntry(String userId, long points, long balance, String reason, Instant at) {

  /** Checks that no field is null. */
  public LedgerEntry {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
