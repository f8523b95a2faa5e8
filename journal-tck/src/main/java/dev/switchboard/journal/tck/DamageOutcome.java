package dev.switchboard.journal.tck;

/**
 * What a journal documents that {@code recover} does after a {@link Damage}; the TCK checks that
 * it does exactly that, and in every case that it never hands over a changed byte or a gap.
 *
 * @since 0.2
 */
public enum DamageOutcome {
  /** {@code recover} throws a {@link dev.switchboard.journal.JournalException}: nothing starts. */
  REFUSED,
  /**
   * {@code recover} hands over everything before the damaged entry and nothing from it on; the
   * journal then appends from the damaged entry's sequence (a torn tail cut off).
   */
  CUT_BEFORE_DAMAGE,
  /**
   * {@code recover} hands over a state equal to the undamaged one: an older snapshot (or none)
   * and every entry after it, up to the last (a damaged snapshot replaced by an older one).
   */
  RECOVERED_IN_FULL
}
