package dev.switchboard.helpdesk.internal;

import dev.switchboard.crowd.Crowd;
import dev.switchboard.crowd.CrowdMeasures;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.internal.CrowdBook;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The public face of the crowd book: every change is one input of the owning desk, journaled
 * with the desk's; reads run under the desk's lock.
 */
final class CrowdFacade implements Crowd {

  private final Desk desk;
  private final CrowdBook book;

  CrowdFacade(Desk desk, CrowdBook book) {
    this.desk = desk;
    this.book = book;
  }

  @Override
  public void addPowerUser(PowerUser user) {
    Objects.requireNonNull(user, "user");
    desk.apply(new DeskInput.AddPowerUser(user), true);
  }

  @Override
  public void setAvailable(String userId, boolean available) {
    desk.apply(new DeskInput.SetAvailable(userId, available), true);
  }

  @Override
  public CrowdQuestion ask(Question question) {
    Objects.requireNonNull(question, "question");
    return (CrowdQuestion) desk.apply(new DeskInput.Ask(question), true);
  }

  @Override
  public String answer(String questionId, String helperId, String text) {
    Objects.requireNonNull(text, "text");
    return (String) desk.apply(new DeskInput.AnswerQuestion(questionId, helperId, text), true);
  }

  @Override
  public CrowdQuestion acceptAnswer(String questionId, String answerId) {
    return (CrowdQuestion) desk.apply(new DeskInput.Accept(questionId, answerId), true);
  }

  @Override
  public CrowdQuestion rejectAnswer(String questionId, String answerId, String reason) {
    Objects.requireNonNull(reason, "reason");
    return (CrowdQuestion) desk.apply(new DeskInput.Reject(questionId, answerId, reason), true);
  }

  @Override
  public CrowdQuestion withdraw(String questionId, boolean solvedThemselves) {
    return (CrowdQuestion) desk.apply(new DeskInput.Withdraw(questionId, solvedThemselves),
        true);
  }

  @Override
  public Optional<CrowdQuestion> question(String questionId) {
    return desk.read(() -> book.find(questionId));
  }

  @Override
  public List<PowerUser> powerUsers() {
    return desk.read(book::powerUsers);
  }

  @Override
  public long points(String userId) {
    return desk.read(() -> book.points(userId));
  }

  @Override
  public List<LedgerEntry> ledger() {
    return desk.read(book::ledger);
  }

  @Override
  public LedgerEntry redeem(String userId, long points, String reward) {
    return (LedgerEntry) desk.apply(new DeskInput.Redeem(userId, points, reward), true);
  }

  @Override
  public CrowdMeasures measures() {
    return desk.read(book::measures);
  }
}
