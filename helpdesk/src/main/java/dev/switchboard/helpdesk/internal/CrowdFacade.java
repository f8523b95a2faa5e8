package dev.switchboard.helpdesk.internal;

import dev.switchboard.crowd.Crowd;
import dev.switchboard.crowd.CrowdMeasures;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.internal.CrowdBook;
import java.util.List;
import java.util.Optional;

/** The public face of the crowd book: every call runs as one change of the owning desk. */
final class CrowdFacade implements Crowd {

  private final Desk desk;
  private final CrowdBook book;

  CrowdFacade(Desk desk, CrowdBook book) {
    this.desk = desk;
    this.book = book;
  }

  @Override
  public void addPowerUser(PowerUser user) {
    desk.mutate(() -> {
      book.addPowerUser(user);
      return null;
    });
  }

  @Override
  public void setAvailable(String userId, boolean available) {
    desk.mutate(() -> {
      book.setAvailable(userId, available);
      return null;
    });
  }

  @Override
  public CrowdQuestion ask(Question question) {
    return desk.mutate(() -> {
      desk.requireConnected();
      return book.ask(question);
    });
  }

  @Override
  public String answer(String questionId, String helperId, String text) {
    return desk.mutate(() -> book.answer(questionId, helperId, text));
  }

  @Override
  public CrowdQuestion acceptAnswer(String questionId, String answerId) {
    return desk.mutate(() -> book.acceptAnswer(questionId, answerId));
  }

  @Override
  public CrowdQuestion rejectAnswer(String questionId, String answerId, String reason) {
    return desk.mutate(() -> book.rejectAnswer(questionId, answerId, reason));
  }

  @Override
  public CrowdQuestion withdraw(String questionId, boolean solvedThemselves) {
    return desk.mutate(() -> book.withdraw(questionId, solvedThemselves));
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
    return desk.mutate(() -> book.redeem(userId, points, reward));
  }

  @Override
  public CrowdMeasures measures() {
    return desk.read(book::measures);
  }
}
