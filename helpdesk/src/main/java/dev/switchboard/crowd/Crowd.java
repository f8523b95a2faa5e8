package dev.switchboard.crowd;

import java.util.List;
import java.util.Optional;

/**
 * The community pool: power users (customers, not staff) who answer other users' questions, with
 * staff behind them. Obtained from {@code HelpDesk.crowd()}, whose lock, clock and threading rules
 * it shares: any thread may call it, and every call first handles the deadlines due.
 *
 * <p>A question {@linkplain #ask asked} in a category the {@link CrowdPolicy} gives to the crowd
 * is offered to several available power users at once, chosen by accepted answers in that
 * category. The asker {@linkplain #acceptAnswer accepts} the first useful answer, whose helper
 * earns points. With no answer within the policy's time limit, or when the asker {@linkplain
 * #rejectAnswer rejects} an answer, the question falls back to staff as a switchboard item that
 * carries its history. Questions the policy keeps for experts go to staff at once.
 *
 * <p>Errors: null or malformed arguments throw {@link NullPointerException} or {@link
 * IllegalArgumentException}; unknown ids throw {@link IllegalArgumentException} naming them; a
 * call that does not fit the question's state (answering a question not offered to you, accepting
 * after it fell back) throws {@link IllegalStateException} saying why. A refused call changes
 * nothing.
 *
 * @since 0.1
 */
public interface Crowd {

  /** Adds a power user, available, with the accepted answers they already have per category. */
  void addPowerUser(PowerUser user);

  /** A power user becomes available for new questions, or stops being offered them. */
  void setAvailable(String userId, boolean available);

  /** Asks a question; it goes to the crowd or to staff as the policy says. */
  CrowdQuestion ask(Question question);

  /** A power user the question was offered to answers it; returns the answer id. */
  String answer(String questionId, String helperId, String text);

  /** The asker accepts an answer: the question is solved and its helper earns points. */
  CrowdQuestion acceptAnswer(String questionId, String answerId);

  /** The asker rejects an answer: the question falls back to staff with its history. */
  CrowdQuestion rejectAnswer(String questionId, String answerId, String reason);

  /**
   * The asker withdraws the question (it is abandoned); {@code solvedThemselves} counts it as
   * self-help in their history.
   */
  CrowdQuestion withdraw(String questionId, boolean solvedThemselves);

  /** The question, if known. */
  Optional<CrowdQuestion> question(String questionId);

  /** The power users, in the order added. */
  List<PowerUser> powerUsers();

  /** A helper's point balance (0 for a user with none). */
  long points(String userId);

  /** Every ledger entry, oldest first: points earned and redeemed. */
  List<LedgerEntry> ledger();

  /**
   * The host turned points into a reward: records a negative entry. Rejected when the balance is
   * lower than {@code points}.
   */
  LedgerEntry redeem(String userId, long points, String reward);

  /** The crowd's measures so far. */
  CrowdMeasures measures();
}
