package dev.switchboard.crowd.internal;

import dev.switchboard.WorkItem;
import dev.switchboard.crowd.Answer;
import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.CrowdMeasures;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.crowd.CrowdQuestion;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.crowd.PowerUser;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.QuestionStatus;
import dev.switchboard.crowd.StaffReason;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.helpdesk.internal.Deadlines;
import dev.switchboard.helpdesk.internal.WorkItems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The crowd's state: power users, questions, the points ledger and the measures. Not thread-safe:
 * the desk that owns it calls every method under its lock, with the clock reading of the change.
 */
public final class CrowdBook {

  private final CrowdPolicy policy;
  private final CrowdHost host;
  private final Map<String, Helper> helpers = new LinkedHashMap<>();
  private final Map<String, QuestionState> questions = new LinkedHashMap<>();
  private final Map<String, QuestionState> byItem = new HashMap<>();
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final Map<String, Long> balances = new HashMap<>();
  private long asked;
  private long offeredToCrowd;
  private long keptForStaff;
  private long answered;
  private long unanswered;
  private long solvedByCrowd;
  private long rejected;
  private long abandoned;
  private long solvedByStaff;
  private long pointsAwarded;
  private Duration firstAnswerTotal = Duration.ZERO;

  /** A crowd under the policy, owned by the host desk. */
  public CrowdBook(CrowdPolicy policy, CrowdHost host) {
    this.policy = policy;
    this.host = host;
  }

  /** A power user and what the crowd knows of them. */
  private static final class Helper {
    final String id;
    boolean available = true;
    int openOffers;
    final Map<String, Integer> accepted = new LinkedHashMap<>();
    int acceptedTotal;
    /** Accepted answers given here, not imported with {@link #addPowerUser}. */
    int acceptedHere;

    Helper(String id) {
      this.id = id;
    }

    PowerUser snapshot() {
      return new PowerUser(id, available, openOffers, accepted);
    }
  }

  /**
   * A ticket that asked the crowd for its end user: told how the question ends instead of the
   * crowd submitting a staff item, because the ticket's own next phases are the staff work.
   * Called under the desk's lock.
   */
  public interface Owner {

    /** The ticket's id, shown as where the question went when it falls back. */
    String ticketId();

    /** The asker accepted a power user's answer. */
    void solved(Answer answer);

    /** The question falls back to staff: the ticket carries on with its next phase. */
    void fellBack(StaffReason reason);

    /** The asker gave up on the question, or withdrew it having solved it themselves. */
    void abandoned(boolean solvedThemselves);
  }

  /** A question's live state. */
  private static final class QuestionState {
    final Question question;
    final Instant askedAt;
    QuestionStatus status;
    final List<String> offeredTo = new ArrayList<>();
    final List<Answer> answers = new ArrayList<>();
    final List<String> history = new ArrayList<>();
    String accepted;
    StaffReason staffReason;
    String staffItem;
    /** The staff item as submitted, to submit again after a restart; and how many were issued. */
    WorkItem staffSpec;
    int staffIssues;
    Deadlines.Deadline deadline;
    boolean selfSolved;
    Owner owner;
    /** Asked by a ticket, which stands for the case in the asker's history. */
    boolean forTicket;

    QuestionState(Question question, Instant askedAt) {
      this.question = question;
      this.askedAt = askedAt;
    }

    CrowdQuestion snapshot() {
      return new CrowdQuestion(question, status, offeredTo, answers,
          Optional.ofNullable(accepted), Optional.ofNullable(staffReason),
          Optional.ofNullable(staffItem), history, askedAt);
    }

    Answer answer(String answerId) {
      Objects.requireNonNull(answerId, "answerId");
      for (Answer a : answers) {
        if (a.id().equals(answerId)) {
          return a;
        }
      }
      throw new IllegalArgumentException("question '" + question.id() + "' has no answer '"
          + answerId + "'; answers: " + answers.stream().map(Answer::id).toList());
    }
  }

  // ---- power users ----------------------------------------------------------------------------

  /** Adds a power user. */
  public void addPowerUser(PowerUser user) {
    Objects.requireNonNull(user, "user");
    if (helpers.containsKey(user.id())) {
      throw new IllegalArgumentException("power user '" + user.id() + "' is already added");
    }
    Helper h = new Helper(user.id());
    h.available = user.available();
    user.acceptedAnswers().forEach((c, n) -> {
      h.accepted.put(c, n);
      h.acceptedTotal += n;
    });
    helpers.put(h.id, h);
  }

  /** Makes a power user available or not for new questions. */
  public void setAvailable(String userId, boolean available) {
    helper(userId).available = available;
  }

  /** The power users, in the order added. */
  public List<PowerUser> powerUsers() {
    return helpers.values().stream().map(Helper::snapshot).toList();
  }

  private Helper helper(String userId) {
    Checks.id("power user id", userId);
    Helper h = helpers.get(userId);
    if (h == null) {
      throw new IllegalArgumentException("power user '" + userId + "' is not known");
    }
    return h;
  }

  // ---- questions ------------------------------------------------------------------------------

  /** Asks a question: offered to power users, or sent to staff, as the policy says. */
  public CrowdQuestion ask(Question q) {
    return askFor(q, null);
  }

  /**
   * Asks a question for a ticket: as {@link #ask}, but {@code owner} (when not null) is told how
   * it ends, and a fallback hands it back to the ticket instead of submitting a staff item.
   */
  public CrowdQuestion askFor(Question q, Owner owner) {
    Objects.requireNonNull(q, "question");
    if (questions.containsKey(q.id())) {
      throw new IllegalArgumentException("question id '" + q.id() + "' is already in use");
    }
    QuestionState s = new QuestionState(q, host.now());
    s.owner = owner;
    s.forTicket = owner != null;
    questions.put(q.id(), s);
    asked++;
    if (!policy.allowsCrowd(q.category())) {
      keptForStaff++;
      s.history.add(policy.expertCategories().contains(q.category())
          ? "category '" + q.category() + "' is kept for experts"
          : "category '" + q.category() + "' is not a crowd category");
      toStaff(s, StaffReason.POLICY);
      return s.snapshot();
    }
    List<Helper> chosen = helpers.values().stream()
        .filter(h -> h.available && h.openOffers < policy.maxOpenOffers()
            && !h.id.equals(q.askerId())
            && h.accepted.getOrDefault(q.category(), 0) >= policy.minAcceptedAnswers())
        .sorted(Comparator.<Helper>comparingInt(h -> h.accepted.getOrDefault(q.category(), 0))
            .reversed().thenComparing(Comparator.<Helper>comparingInt(h -> h.acceptedTotal)
                .reversed()))
        .limit(policy.fanOut()).toList();
    if (chosen.isEmpty()) {
      keptForStaff++;
      s.history.add("no power user qualified for '" + q.category() + "' and was available");
      toStaff(s, StaffReason.NO_HELPERS);
      return s.snapshot();
    }
    offeredToCrowd++;
    s.status = QuestionStatus.WITH_CROWD;
    for (Helper h : chosen) {
      h.openOffers++;
      s.offeredTo.add(h.id);
    }
    s.history.add("offered to " + String.join(", ", s.offeredTo));
    s.deadline = host.schedule(policy.answerTimeLimit(), () -> answerTimeUp(s));
    host.emit(new CrowdEvent.QuestionOffered(q.id(), host.now(), List.copyOf(s.offeredTo)));
    return s.snapshot();
  }

  private void answerTimeUp(QuestionState s) {
    s.deadline = null;
    if (s.status == QuestionStatus.WITH_CROWD && s.answers.isEmpty()) {
      unanswered++;
      releaseOffers(s);
      s.history.add("no crowd answer within " + policy.answerTimeLimit());
      toStaff(s, StaffReason.UNANSWERED);
    }
  }

  /** A power user answers a question offered to them. */
  public String answer(String questionId, String helperId, String text) {
    Objects.requireNonNull(text, "text");
    QuestionState s = withCrowd(questionId, "answer it");
    Checks.id("helper id", helperId);
    if (!s.offeredTo.contains(helperId)) {
      throw new IllegalStateException("question '" + questionId + "' was not offered to '"
          + helperId + "'; offered to " + s.offeredTo);
    }
    Answer a = new Answer(questionId + "/a" + (s.answers.size() + 1), helperId, text, host.now());
    if (s.answers.isEmpty()) {
      answered++;
      firstAnswerTotal = firstAnswerTotal.plus(Duration.between(s.askedAt, host.now()));
      host.cancel(s.deadline);
      s.deadline = host.schedule(policy.askerTimeout(), () -> askerTimeUp(s));
    }
    s.answers.add(a);
    s.history.add("answer " + a.id() + " by " + helperId + ": " + text);
    host.emit(new CrowdEvent.AnswerPosted(questionId, host.now(), a));
    return a.id();
  }

  private void askerTimeUp(QuestionState s) {
    s.deadline = null;
    if (s.status == QuestionStatus.WITH_CROWD) {
      abandoned++;
      s.history.add("the asker did not decide within " + policy.askerTimeout());
      end(s, QuestionStatus.ABANDONED);
      if (s.owner != null) {
        s.owner.abandoned(false);
      }
    }
  }

  /** The asker accepts an answer: solved, and its helper earns points. */
  public CrowdQuestion acceptAnswer(String questionId, String answerId) {
    QuestionState s = withCrowd(questionId, "accept an answer");
    Answer a = s.answer(answerId);
    solvedByCrowd++;
    s.accepted = a.id();
    Helper h = helpers.get(a.helperId());
    h.accepted.merge(s.question.category(), 1, Integer::sum);
    h.acceptedTotal++;
    h.acceptedHere++;
    long points = policy.pointsPerAcceptedAnswer();
    pointsAwarded += points;
    LedgerEntry entry = book(h.id, points, "accepted answer " + a.id());
    s.history.add("answer " + a.id() + " accepted; " + h.id + " earned " + points + " points");
    host.emit(new CrowdEvent.AnswerAccepted(questionId, host.now(), a, points));
    host.pointsEarned(entry);
    end(s, QuestionStatus.SOLVED_BY_CROWD);
    if (s.owner != null) {
      s.owner.solved(a);
    }
    return s.snapshot();
  }

  /** The asker rejects an answer: the question falls back to staff with its history. */
  public CrowdQuestion rejectAnswer(String questionId, String answerId, String reason) {
    Objects.requireNonNull(reason, "reason");
    QuestionState s = withCrowd(questionId, "reject an answer");
    Answer a = s.answer(answerId);
    rejected++;
    host.cancel(s.deadline);
    s.deadline = null;
    releaseOffers(s);
    s.history.add("answer " + a.id() + " rejected by the asker: " + reason);
    toStaff(s, StaffReason.REJECTED);
    return s.snapshot();
  }

  /** The asker withdraws an unfinished question. */
  public CrowdQuestion withdraw(String questionId, boolean solvedThemselves) {
    QuestionState s = question(questionId);
    if (s.status.isFinished()) {
      throw new IllegalStateException(
          "question '" + questionId + "' has already ended (" + s.status + ")");
    }
    boolean wasWithStaff = s.status == QuestionStatus.WITH_STAFF;
    if (wasWithStaff && s.owner != null) {
      throw new IllegalStateException("question '" + questionId + "' went back to ticket '"
          + s.owner.ticketId() + "'; close or update the ticket instead");
    }
    if (s.status == QuestionStatus.WITH_CROWD) {
      abandoned++;
    } else if (s.staffItem != null) {
      byItem.remove(s.staffItem);
      host.withdraw(s.staffItem);
    }
    s.selfSolved = solvedThemselves;
    s.history.add(solvedThemselves ? "withdrawn: the asker solved it" : "withdrawn by the asker");
    end(s, QuestionStatus.ABANDONED);
    if (s.owner != null && !wasWithStaff) {
      s.owner.abandoned(solvedThemselves);
    }
    return s.snapshot();
  }

  /** The question, if known. */
  public Optional<CrowdQuestion> find(String questionId) {
    Objects.requireNonNull(questionId, "questionId");
    return Optional.ofNullable(questions.get(questionId)).map(QuestionState::snapshot);
  }

  /** A staff item of a question ended: completed, or cancelled or abandoned. */
  public void staffItemEnded(String itemId, boolean completed) {
    QuestionState s = byItem.remove(itemId);
    if (s == null || s.status != QuestionStatus.WITH_STAFF) {
      return;
    }
    if (completed) {
      solvedByStaff++;
      s.history.add("solved by staff");
      end(s, QuestionStatus.SOLVED_BY_STAFF);
    } else {
      if (!s.offeredTo.isEmpty()) {
        abandoned++;
      }
      s.history.add("staff item " + itemId + " ended unanswered");
      end(s, QuestionStatus.ABANDONED);
    }
  }

  /** Whether the item is a live staff item of a question. */
  public boolean ownsItem(String itemId) {
    return byItem.containsKey(itemId);
  }

  /** The live staff items, as submitted, in the order of their questions. */
  public List<WorkItem> staffItems() {
    List<WorkItem> out = new ArrayList<>();
    for (QuestionState s : questions.values()) {
      if (s.staffItem != null && byItem.get(s.staffItem) == s) {
        out.add(s.staffSpec);
      }
    }
    return out;
  }

  /**
   * Whether a switchboard item is one this crowd issued (an id {@code <question>:staff...} with
   * the attribute {@code crowdQuestion} naming a known question), live or not.
   */
  public boolean issued(WorkItem item) {
    Object q = item.attributes().get("crowdQuestion");
    return q instanceof String id && questions.containsKey(id)
        && item.id().startsWith(id + ":staff");
  }

  /**
   * The switchboard refused a staff item: when it already had that id (it ended unseen), the
   * question is sent to staff again as a new item; otherwise the question keeps its history and
   * has no item.
   */
  public void staffItemRejected(String itemId, boolean duplicate, String why) {
    if (duplicate) {
      staffItemLost(itemId, why);
      return;
    }
    QuestionState s = byItem.remove(itemId);
    if (s != null) {
      s.staffItem = null;
      s.history.add(why);
    }
  }

  /**
   * The switchboard ended a live staff item without the crowd learning how (a crash between the
   * two journals): staff get the question again as a new item, so that a person sees it.
   */
  private void staffItemLost(String itemId, String why) {
    QuestionState s = byItem.remove(itemId);
    if (s == null || s.status != QuestionStatus.WITH_STAFF) {
      return;
    }
    String newId = s.question.id() + ":staff" + (++s.staffIssues);
    s.staffSpec = WorkItems.reissue(s.staffSpec, newId);
    s.staffItem = newId;
    byItem.put(newId, s);
    s.history.add(why + "; sent to staff again as item " + newId);
    host.submit(s.staffSpec);
    host.emit(new CrowdEvent.SentToStaff(s.question.id(), host.now(), s.staffReason, newId));
  }

  /**
   * The owning ticket left the crowd phase while the question was with the crowd (the host moved
   * it on): the question ends without telling the owner and without counting as abandoned.
   */
  public void ownerLeft(String questionId) {
    QuestionState s = questions.get(questionId);
    if (s != null && s.status == QuestionStatus.WITH_CROWD) {
      s.owner = null;
      s.history.add("taken back by its ticket");
      end(s, QuestionStatus.ABANDONED);
    }
  }

  /** The owning ticket closed after its question fell back: staff solved it, or not. */
  public void ownerClosed(String questionId, boolean solved) {
    QuestionState s = questions.get(questionId);
    if (s != null && s.status == QuestionStatus.WITH_STAFF && s.owner != null) {
      if (solved) {
        solvedByStaff++;
      }
      s.history.add(solved ? "solved by staff on the ticket" : "the ticket closed unsolved");
      end(s, solved ? QuestionStatus.SOLVED_BY_STAFF : QuestionStatus.ABANDONED);
    }
  }

  private QuestionState question(String questionId) {
    Checks.id("question id", questionId);
    QuestionState s = questions.get(questionId);
    if (s == null) {
      throw new IllegalArgumentException("question '" + questionId + "' is not known");
    }
    return s;
  }

  private QuestionState withCrowd(String questionId, String action) {
    QuestionState s = question(questionId);
    if (s.status != QuestionStatus.WITH_CROWD) {
      throw new IllegalStateException("question '" + questionId + "' is " + s.status
          + ", not with the crowd, so nobody can " + action + " now");
    }
    return s;
  }

  private void releaseOffers(QuestionState s) {
    for (String id : s.offeredTo) {
      Helper h = helpers.get(id);
      h.openOffers = Math.max(0, h.openOffers - 1);
    }
  }

  private void end(QuestionState s, QuestionStatus status) {
    if (s.status == QuestionStatus.WITH_CROWD) {
      releaseOffers(s);
    }
    host.cancel(s.deadline);
    s.deadline = null;
    s.status = status;
    host.emit(new CrowdEvent.QuestionEnded(s.question.id(), host.now(), status));
  }

  private void toStaff(QuestionState s, StaffReason reason) {
    s.status = QuestionStatus.WITH_STAFF;
    s.staffReason = reason;
    Question q = s.question;
    if (s.owner != null) {
      s.history.add("handed back to ticket " + s.owner.ticketId() + " (" + reason + ")");
      host.emit(new CrowdEvent.SentToStaff(q.id(), host.now(), reason, s.owner.ticketId()));
      s.owner.fellBack(reason);
      return;
    }
    String itemId = q.id() + ":staff";
    s.staffIssues = 1;
    List<Map<String, Object>> answers = new ArrayList<>();
    for (Answer a : s.answers) {
      answers.add(Map.of("id", a.id(), "helper", a.helperId(), "text", a.text()));
    }
    WorkItem.Builder b = WorkItem.builder(itemId, policy.staffChannel())
        .customer(q.askerId()).queue(policy.staffQueue())
        .attribute("crowdQuestion", q.id()).attribute("category", q.category())
        .attribute("text", q.text()).attribute("fallbackReason", reason.name())
        .attribute("crowdHistory", List.copyOf(s.history)).attribute("crowdAnswers", answers);
    q.staffSkills().forEach(b::requireSkill);
    s.staffItem = itemId;
    s.staffSpec = b.build();
    byItem.put(itemId, s);
    s.history.add("sent to staff (" + reason + ") as item " + itemId);
    host.submit(s.staffSpec);
    host.emit(new CrowdEvent.SentToStaff(q.id(), host.now(), reason, itemId));
  }

  // ---- ledger ---------------------------------------------------------------------------------

  /** A helper's balance. */
  public long points(String userId) {
    Checks.id("user id", userId);
    return balances.getOrDefault(userId, 0L);
  }

  /** Every ledger entry, oldest first. */
  public List<LedgerEntry> ledger() {
    return List.copyOf(ledger);
  }

  /** Spends a helper's points on a reward. */
  public LedgerEntry redeem(String userId, long points, String reward) {
    Checks.id("user id", userId);
    Checks.id("reward", reward);
    if (points < 1) {
      throw new IllegalArgumentException("points to redeem is " + points + "; allowed: 1 or more");
    }
    long balance = balances.getOrDefault(userId, 0L);
    if (balance < points) {
      throw new IllegalStateException("user '" + userId + "' has " + balance
          + " points, fewer than the " + points + " asked to redeem");
    }
    return book(userId, -points, "redeemed for " + reward);
  }

  private LedgerEntry book(String userId, long points, String reason) {
    long balance = balances.getOrDefault(userId, 0L) + points;
    balances.put(userId, balance);
    LedgerEntry e = new LedgerEntry(userId, points, balance, reason, host.now());
    ledger.add(e);
    return e;
  }

  // ---- measures and history -------------------------------------------------------------------

  /** The measures so far. */
  public CrowdMeasures measures() {
    Optional<Duration> mean = answered == 0 ? Optional.empty()
        : Optional.of(firstAnswerTotal.dividedBy(answered));
    double saved = solvedByCrowd * policy.staffCostPerQuestion()
        - pointsAwarded * policy.costPerPoint();
    return new CrowdMeasures(asked, offeredToCrowd, keptForStaff, answered, unanswered,
        solvedByCrowd, rejected, abandoned, solvedByStaff, mean, pointsAwarded, saved);
  }

  /**
   * Each finished question's asker, and whether they solved it themselves; questions a ticket
   * asked are left out, as the ticket counts for them.
   */
  public void forEachFinished(BiConsumer<String, Boolean> action) {
    for (QuestionState s : questions.values()) {
      if (s.status.isFinished() && !s.forTicket) {
        action.accept(s.question.askerId(), s.selfSolved);
      }
    }
  }

  /** Each power user whose answers were accepted here, and how many. */
  public void forEachAcceptedHelper(ObjIntConsumer<String> action) {
    for (Helper h : helpers.values()) {
      if (h.acceptedHere > 0) {
        action.accept(h.id, h.acceptedHere);
      }
    }
  }
}
