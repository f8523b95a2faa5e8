package dev.switchboard.helpdesk.internal;

import dev.switchboard.Outcome;
import dev.switchboard.Switchboard;
import dev.switchboard.TransferTarget;
import dev.switchboard.WorkItem;
import dev.switchboard.crowd.Answer;
import dev.switchboard.crowd.Crowd;
import dev.switchboard.crowd.Question;
import dev.switchboard.crowd.StaffReason;
import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.LedgerEntry;
import dev.switchboard.crowd.RewardHook;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemReleased;
import dev.switchboard.event.RoutingEvent.ItemTransferred;
import dev.switchboard.event.RoutingEvent.StepEscalated;
import dev.switchboard.event.RoutingEventListener;
import dev.switchboard.helpdesk.Actor;
import dev.switchboard.helpdesk.Classification;
import dev.switchboard.helpdesk.ClassificationCorrection;
import dev.switchboard.helpdesk.EndUserHistory;
import dev.switchboard.helpdesk.HelpDesk;
import dev.switchboard.helpdesk.HelpDeskEvent;
import dev.switchboard.helpdesk.HelpDeskStats;
import dev.switchboard.helpdesk.Lifecycle;
import dev.switchboard.helpdesk.Phase;
import dev.switchboard.helpdesk.Resolution;
import dev.switchboard.helpdesk.Ticket;
import dev.switchboard.helpdesk.TicketRequest;
import dev.switchboard.helpdesk.TicketTransition;
import dev.switchboard.internal.check.Checks;
import dev.switchboard.crowd.internal.CrowdBook;
import dev.switchboard.crowd.internal.CrowdHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help desk: the one owner of tickets, crowd questions, ledger and history. Every change runs
 * under {@link #lock} through {@link #mutate}, which first reads the clock once and fires the
 * deadlines due at that reading, so the desk is a single writer whichever thread calls it. Host
 * code (listeners, hooks, the classifier) runs outside the lock through the {@link Outbox}.
 * Switchboard commands are sent under the lock; they only queue on the engine loop.
 */
public final class Desk implements HelpDesk, CrowdHost {

  private static final Logger LOG = LoggerFactory.getLogger(Desk.class);
  private static final Outcome MOVED_ON = Outcome.of("moved-on");

  private final Object lock = new Object();
  private final DeskConfig config;
  private final Lifecycle lifecycle;
  private final Deadlines deadlines = new Deadlines();
  private final Outbox outbox = new Outbox();
  private final List<Runnable> deferred = new ArrayList<>();
  private final Map<String, TicketState> tickets = new LinkedHashMap<>();
  private final Map<String, TicketState> byItem = new HashMap<>();
  private final List<ClassificationCorrection> corrections = new ArrayList<>();
  private final CrowdBook crowd;
  private final Crowd crowdFacade;
  private final Executor classifierExecutor;
  private final ExecutorService ownClassifierThread;
  private final ScheduledExecutorService ticker;
  private final RoutingEventListener listener = this::onRoutingEvent;
  private volatile Switchboard switchboard;
  private Instant now;
  private int lastFired;
  private long classifierCalls;
  private long classifierFailures;
  private long classifierTimeouts;
  private long lateResults;
  private long lowConfidence;
  private long triaged;
  private long commandFailures;
  private long internalFailures;

  /** A desk for the configuration; starts the ticker thread if one was asked for. */
  public Desk(DeskConfig config) {
    this.config = config;
    this.lifecycle = config.lifecycle();
    this.now = config.clock().instant();
    this.crowd = new CrowdBook(config.crowdPolicy(), this);
    this.crowdFacade = new CrowdFacade(this, crowd);
    if (config.classifierExecutor().isPresent()) {
      this.ownClassifierThread = null;
      this.classifierExecutor = config.classifierExecutor().get();
    } else {
      this.ownClassifierThread = Executors.newSingleThreadExecutor(
          r -> daemon(r, "switchboard-helpdesk-classifier"));
      this.classifierExecutor = ownClassifierThread;
    }
    this.ticker = config.tickEvery().map(period -> {
      ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
          r -> daemon(r, "switchboard-helpdesk-ticker"));
      long nanos = period.toNanos();
      s.scheduleAtFixedRate(this::tick, nanos, nanos, TimeUnit.NANOSECONDS);
      return s;
    }).orElse(null);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void tick() {
    try {
      runDue();
    } catch (RuntimeException e) {
      LOG.error("help desk ticker failed", e);
    }
  }

  // ---- the single writer -------------------------------------------------------------------

  /** Runs a change under the lock after the deadlines due, then runs the host code it queued. */
  <T> T mutate(Supplier<T> change) {
    try {
      synchronized (lock) {
        try {
          now = latest(config.clock().instant());
          fireDue();
          return change.get();
        } finally {
          runDeferred();
        }
      }
    } finally {
      outbox.flush();
    }
  }

  /** Reads state under the lock without changing it. */
  <T> T read(Supplier<T> query) {
    synchronized (lock) {
      return query.get();
    }
  }

  /** Throws unless a switchboard is connected. */
  void requireConnected() {
    sb();
  }

  private Instant latest(Instant reading) {
    return reading.isBefore(now) ? now : reading;
  }

  private void fireDue() {
    int fired = 0;
    Deadlines.Deadline d;
    while ((d = deadlines.pollDue(now)) != null) {
      guarded("a deadline", d.action());
      fired++;
    }
    lastFired = fired;
  }

  /** A change arriving from a callback: deferred when the lock is already held by this thread. */
  void post(Runnable change) {
    if (Thread.holdsLock(lock)) {
      deferred.add(change);
    } else {
      mutate(() -> {
        change.run();
        return null;
      });
    }
  }

  private void runDeferred() {
    for (int i = 0; i < deferred.size(); i++) {
      guarded("a deferred change", deferred.get(i));
    }
    deferred.clear();
  }

  /**
   * Runs a change nobody waits for (a deadline, a callback); a failure there is a bug of the desk,
   * logged and counted so that it cannot break the unrelated call that happened to run it.
   */
  private void guarded(String what, Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      internalFailures++;
      LOG.error("help desk failed running {}; the rest goes on", what, e);
    }
  }

  // ---- CrowdHost ------------------------------------------------------------------------------

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public Deadlines.Deadline schedule(Duration after, Runnable action) {
    return deadlines.schedule(now, after, action);
  }

  @Override
  public void cancel(Deadlines.Deadline deadline) {
    deadlines.cancel(deadline);
  }

  @Override
  public void submit(WorkItem item, Consumer<String> onRejected) {
    send("submit " + item.id(), () -> sb().submit(item), onRejected);
  }

  @Override
  public void withdraw(String itemId) {
    send("cancel " + itemId, () -> sb().cancel(itemId), reason -> {});
  }

  @Override
  public void emit(CrowdEvent event) {
    for (Consumer<? super CrowdEvent> l : config.crowdListeners()) {
      outbox.add(() -> l.accept(event));
    }
  }

  @Override
  public void pointsEarned(LedgerEntry entry) {
    for (RewardHook h : config.rewardHooks()) {
      outbox.add(() -> h.pointsEarned(entry));
    }
  }

  // ---- wiring ---------------------------------------------------------------------------------

  @Override
  public RoutingEventListener listener() {
    return listener;
  }

  @Override
  public void connect(Switchboard switchboard) {
    Objects.requireNonNull(switchboard, "switchboard");
    synchronized (lock) {
      if (this.switchboard != null) {
        throw new IllegalStateException("a switchboard is already connected");
      }
      this.switchboard = switchboard;
    }
  }

  private Switchboard sb() {
    Switchboard s = switchboard;
    if (s == null) {
      throw new IllegalStateException("no switchboard connected: call connect(switchboard) first");
    }
    return s;
  }

  /** Sends a switchboard command; a rejection comes back as a deferred change. */
  private void send(String what, Supplier<CompletionStage<?>> command, Consumer<String> onRejected) {
    CompletionStage<?> stage;
    try {
      stage = command.get();
    } catch (RuntimeException e) {
      commandRejected(what, e, onRejected);
      return;
    }
    stage.whenComplete((ok, e) -> {
      if (e != null) {
        post(() -> commandRejected(what, e, onRejected));
      }
    });
  }

  private void commandRejected(String what, Throwable e, Consumer<String> onRejected) {
    commandFailures++;
    Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException
        ? e.getCause() : e;
    LOG.warn("help desk command '{}' was rejected: {}", what, cause.getMessage());
    onRejected.accept(what + " was rejected: " + cause.getMessage());
  }

  private void onRoutingEvent(RoutingEvent event) {
    if (!(event instanceof ItemAssigned || event instanceof ItemReleased
        || event instanceof ItemTransferred || event instanceof StepEscalated
        || event instanceof ItemCompleted || event instanceof ItemCancelled
        || event instanceof ItemAbandoned)) {
      return;
    }
    mutate(() -> {
      handle(event);
      return null;
    });
  }

  private void handle(RoutingEvent event) {
    if (event instanceof ItemAssigned a) {
      TicketState t = byItem.get(a.itemId());
      if (t != null) {
        t.holder = a.agentId();
      }
    } else if (event instanceof ItemReleased r) {
      holderLost(r.itemId());
    } else if (event instanceof ItemTransferred x) {
      holderLost(x.itemId());
    } else if (event instanceof StepEscalated s) {
      TicketState t = byItem.get(s.itemId());
      if (t != null) {
        emit(new HelpDeskEvent.Escalated(t.id(), now, s.itemId(), s.fromStep(), s.toStep(),
            s.reason()));
      }
    } else if (event instanceof ItemCompleted c) {
      TicketState t = byItem.remove(c.itemId());
      if (t != null) {
        workCompleted(t, c);
      } else {
        crowd.staffItemEnded(c.itemId(), true);
      }
    } else if (event instanceof ItemCancelled c) {
      TicketState t = byItem.remove(c.itemId());
      if (t != null) {
        t.item = null;
        t.holder = null;
        emit(new HelpDeskEvent.WorkWithdrawn(t.id(), now, c.itemId(),
            "cancelled through the switchboard"));
      } else {
        crowd.staffItemEnded(c.itemId(), false);
      }
    } else if (event instanceof ItemAbandoned a) {
      TicketState t = byItem.remove(a.itemId());
      if (t != null) {
        t.item = null;
        close(t, Resolution.ABANDONED, Actor.endUser(t.request.endUserId()),
            "the end user gave up on item " + a.itemId());
      } else {
        crowd.staffItemEnded(a.itemId(), false);
      }
    }
  }

  private void holderLost(String itemId) {
    TicketState t = byItem.get(itemId);
    if (t != null) {
      t.holder = null;
    }
  }

  // ---- tickets --------------------------------------------------------------------------------

  @Override
  public Ticket open(TicketRequest request) {
    Objects.requireNonNull(request, "request");
    return mutate(() -> {
      sb();
      if (tickets.containsKey(request.ticketId())) {
        throw new IllegalArgumentException(
            "ticket id '" + request.ticketId() + "' is already in use");
      }
      TicketState t = new TicketState(request, now);
      tickets.put(t.id(), t);
      enter(t, lifecycle.first().name(), Actor.endUser(request.endUserId()), "opened", false);
      return t.snapshot();
    });
  }

  @Override
  public Ticket advance(String ticketId, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return mutate(() -> {
      TicketState t = open(ticketId);
      String next = lifecycle.next(t.phase);
      if (next.equals(Lifecycle.CLOSED)) {
        close(t, lifecycle.phase(t.phase) instanceof Phase.Confirmation
            ? Resolution.CONFIRMED : Resolution.COMPLETED, actor, "advanced");
      } else {
        enter(t, next, actor, "advanced", false);
      }
      return t.snapshot();
    });
  }

  @Override
  public Ticket moveTo(String ticketId, String phase, Actor actor, String reason) {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
    return mutate(() -> {
      TicketState t = ticket(ticketId, true);
      if (!phase.equals(Lifecycle.CLOSED)) {
        lifecycle.phase(phase);     // an unknown phase is named as such, with the known ones
      }
      if (!lifecycle.allows(t.phase, phase)) {
        throw new IllegalStateException("ticket '" + ticketId + "' cannot move from '" + t.phase
            + "' to '" + phase + "'; legal moves from '" + t.phase + "': "
            + lifecycle.legalMoves(t.phase));
      }
      if (phase.equals(Lifecycle.CLOSED)) {
        close(t, Resolution.CLOSED_BY_HOST, actor, reason);
      } else if (t.isClosed()) {
        reopen(t, actor, reason);
      } else {
        enter(t, phase, actor, reason, false);
      }
      return t.snapshot();
    });
  }

  @Override
  public Ticket classify(String ticketId, Classification classification, Actor actor) {
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(actor, "actor");
    return mutate(() -> {
      TicketState t = open(ticketId);
      if (!(lifecycle.phase(t.phase) instanceof Phase.Classify)) {
        throw new IllegalStateException("ticket '" + ticketId + "' is in phase '" + t.phase
            + "', which is not a classification phase");
      }
      String reason = t.triageReason != null ? t.triageReason : "classified before the classifier";
      corrections.add(new ClassificationCorrection(t.request, Optional.ofNullable(t.suggestion),
          classification, actor, now, reason));
      applyClassification(t, classification, actor, false);
      return t.snapshot();
    });
  }

  @Override
  public Ticket confirm(String ticketId) {
    return mutate(() -> {
      TicketState t = open(ticketId);
      requireConfirmation(t, "confirm");
      close(t, Resolution.CONFIRMED, Actor.endUser(t.request.endUserId()),
          "confirmed by the end user");
      return t.snapshot();
    });
  }

  @Override
  public Ticket reportStillBroken(String ticketId, String note) {
    Objects.requireNonNull(note, "note");
    return mutate(() -> {
      TicketState t = ticket(ticketId, true);
      if (!t.isClosed()) {
        requireConfirmation(t, "report it still broken");
      }
      reopen(t, Actor.endUser(t.request.endUserId()), "still broken: " + note);
      return t.snapshot();
    });
  }

  @Override
  public Ticket solvedByUser(String ticketId) {
    return mutate(() -> {
      TicketState t = open(ticketId);
      close(t, Resolution.SELF_SOLVED, Actor.endUser(t.request.endUserId()),
          "solved by the end user");
      return t.snapshot();
    });
  }

  @Override
  public Optional<Ticket> ticket(String ticketId) {
    Objects.requireNonNull(ticketId, "ticketId");
    synchronized (lock) {
      return Optional.ofNullable(tickets.get(ticketId)).map(TicketState::snapshot);
    }
  }

  @Override
  public List<ClassificationCorrection> corrections() {
    synchronized (lock) {
      return List.copyOf(corrections);
    }
  }

  private void requireConfirmation(TicketState t, String action) {
    if (!(lifecycle.phase(t.phase) instanceof Phase.Confirmation)) {
      throw new IllegalStateException("ticket '" + t.id() + "' is in phase '" + t.phase
          + "', not waiting for the end user's confirmation, so the end user cannot " + action);
    }
  }

  private TicketState ticket(String ticketId, boolean closedToo) {
    Checks.id("ticket id", ticketId);
    sb();
    TicketState t = tickets.get(ticketId);
    if (t == null) {
      throw new IllegalArgumentException("ticket '" + ticketId + "' is not known");
    }
    if (!closedToo && t.isClosed()) {
      throw new IllegalStateException("ticket '" + ticketId + "' is closed ("
          + t.resolution + "); reopen it first");
    }
    return t;
  }

  private TicketState open(String ticketId) {
    return ticket(ticketId, false);
  }

  /** Leaves the current phase (taking back its work and deadline) and enters {@code to}. */
  private void enter(TicketState t, String to, Actor actor, String reason, boolean reopened) {
    deadlines.cancel(t.deadline);
    t.deadline = null;
    t.awaitingClassifier = false;
    t.epoch++;
    detachWork(t);
    if (t.crowdQuestion != null) {
      crowd.ownerLeft(t.crowdQuestion);
    }
    TicketTransition tr = new TicketTransition(t.id(), t.phase, to, actor, now, reason);
    t.history.add(tr);
    t.phase = to;
    emit(new HelpDeskEvent.PhaseChanged(tr));
    if (to.equals(Lifecycle.CLOSED)) {
      return;
    }
    Phase p = lifecycle.phase(to);
    if (p instanceof Phase.Classify) {
      startClassification(t);
    } else if (p instanceof Phase.Work w) {
      submitWork(t, w, reopened ? t.lastAgent : null);
    } else if (p instanceof Phase.Crowd) {
      askCrowd(t);
    } else if (p instanceof Phase.Confirmation c) {
      t.deadline = deadlines.schedule(now, c.timeout(), () -> close(t, Resolution.UNCONFIRMED,
          Actor.system(), "no answer from the end user within " + c.timeout()));
    }
  }

  private void close(TicketState t, Resolution resolution, Actor actor, String reason) {
    t.resolution = resolution;
    if (t.crowdQuestion != null) {
      crowd.ownerClosed(t.crowdQuestion, resolution == Resolution.CONFIRMED
          || resolution == Resolution.UNCONFIRMED || resolution == Resolution.COMPLETED);
    }
    enter(t, Lifecycle.CLOSED, actor, reason + " (" + resolution + ")", false);
  }

  private void reopen(TicketState t, Actor actor, String reason) {
    t.resolution = null;
    t.reopenCount++;
    enter(t, lifecycle.reopenTo(), actor, reason, true);
  }

  /** Takes back the phase's live item: completed for the agent holding it, else cancelled. */
  private void detachWork(TicketState t) {
    if (t.item == null) {
      return;
    }
    String itemId = t.item;
    String holder = t.holder;
    byItem.remove(itemId);
    t.item = null;
    t.holder = null;
    if (holder != null) {
      send("complete " + itemId, () -> sb().complete(holder, itemId, MOVED_ON), r -> {});
    } else {
      send("cancel " + itemId, () -> sb().cancel(itemId), r -> {});
    }
  }

  private void submitWork(TicketState t, Phase.Work w, String toAgent) {
    Map<String, Integer> skills = new LinkedHashMap<>();
    if (t.classification != null) {
      skills.putAll(t.classification.requiredSkills());
    }
    w.extraSkills().forEach((s, l) -> skills.merge(s, l, Math::max));
    WorkItem.Builder b = item(t, w.queue(), w.name());
    skills.forEach(b::requireSkill);
    String itemId = attach(t, b);
    if (toAgent != null) {
      send("transfer " + itemId + " to " + toAgent,
          () -> sb().transfer(itemId, TransferTarget.agent(toAgent)), r -> {});
    }
  }

  private WorkItem.Builder item(TicketState t, String queue, String phase) {
    String itemId = t.id() + ":w" + (++t.workCount);
    WorkItem.Builder b = WorkItem.builder(itemId, t.request.channel())
        .customer(t.request.endUserId()).queue(queue)
        .attribute("ticket", t.id()).attribute("phase", phase)
        .attribute("subject", t.request.subject());
    if (t.classification != null) {
      b.priority(t.classification.priority())
          .attribute("categories", t.classification.categories());
    }
    return b;
  }

  private String attach(TicketState t, WorkItem.Builder b) {
    WorkItem item = b.build();
    t.item = item.id();
    t.holder = null;
    byItem.put(item.id(), t);
    send("submit " + item.id(), () -> sb().submit(item), reason -> {
      if (item.id().equals(t.item)) {
        byItem.remove(item.id());
        t.item = null;
        emit(new HelpDeskEvent.WorkWithdrawn(t.id(), now, item.id(), reason));
      }
    });
    return item.id();
  }

  private void workCompleted(TicketState t, ItemCompleted c) {
    t.item = null;
    t.holder = null;
    Phase p = lifecycle.phase(t.phase);
    Actor agent = Actor.agent(c.agentId());
    if (p instanceof Phase.Classify) {
      Classification c1 = t.suggestion != null
          ? Classification.byPerson(t.suggestion.categories(), t.suggestion.requiredSkills(),
              t.suggestion.priority())
          : Classification.UNKNOWN;
      corrections.add(new ClassificationCorrection(t.request, Optional.ofNullable(t.suggestion),
          c1, agent, now, t.triageReason == null ? "triage" : t.triageReason));
      applyClassification(t, c1, agent, false);
    } else if (p instanceof Phase.Work w) {
      t.lastAgent = c.agentId();
      String to = w.outcomeRoutes().getOrDefault(c.outcome().code(), lifecycle.next(t.phase));
      String reason = "work completed: " + c.outcome().code();
      if (to.equals(Lifecycle.CLOSED)) {
        close(t, Resolution.COMPLETED, agent, reason);
      } else {
        enter(t, to, agent, reason, false);
      }
    }
  }

  // ---- the crowd phase -----------------------------------------------------------------------

  /** Asks the crowd for the ticket; every answer comes back as a change deferred to the end. */
  private void askCrowd(TicketState t) {
    int epoch = t.epoch;
    Optional<String> category = t.classification == null ? Optional.empty()
        : t.classification.primaryCategory();
    if (category.isEmpty()) {
      post(() -> leaveCrowd(t, epoch, "no category to ask the crowd about"));
      return;
    }
    String questionId = t.id() + ":q" + (++t.questionCount);
    t.crowdQuestion = questionId;
    String text = t.request.subject().isEmpty() ? t.request.text()
        : t.request.subject() + "\n" + t.request.text();
    crowd.askFor(new Question(questionId, t.request.endUserId(), category.get(), text,
        t.classification.requiredSkills()), new CrowdBook.Owner() {
          @Override
          public String ticketId() {
            return t.id();
          }

          @Override
          public void solved(Answer answer) {
            post(() -> {
              if (t.epoch == epoch) {
                close(t, Resolution.SOLVED_BY_CROWD, Actor.endUser(t.request.endUserId()),
                    "accepted answer " + answer.id() + " by " + answer.helperId());
              }
            });
          }

          @Override
          public void fellBack(StaffReason reason) {
            post(() -> leaveCrowd(t, epoch, "the crowd handed it to staff: " + reason));
          }

          @Override
          public void abandoned(boolean solvedThemselves) {
            post(() -> {
              if (t.epoch == epoch) {
                close(t, solvedThemselves ? Resolution.SELF_SOLVED : Resolution.ABANDONED,
                    Actor.endUser(t.request.endUserId()), "the crowd question ended");
              }
            });
          }
        });
  }

  private void leaveCrowd(TicketState t, int epoch, String reason) {
    if (t.epoch != epoch) {
      return;
    }
    String next = lifecycle.next(t.phase);
    if (next.equals(Lifecycle.CLOSED)) {
      close(t, Resolution.COMPLETED, Actor.system(), reason);
    } else {
      enter(t, next, Actor.system(), reason, false);
    }
  }

  // ---- classification -------------------------------------------------------------------------

  private void startClassification(TicketState t) {
    t.classificationEntries++;
    t.suggestion = null;
    t.triageReason = null;
    t.autoClassified = false;
    int attempt = ++t.classifyAttempt;
    t.awaitingClassifier = true;
    classifierCalls++;
    Duration timeout = config.classifierTimeout();
    t.deadline = deadlines.schedule(now, timeout, () -> {
      if (t.awaitingClassifier && t.classifyAttempt == attempt) {
        t.awaitingClassifier = false;
        classifierTimeouts++;
        triage(t, "the classifier gave no answer within " + timeout);
      }
    });
    String ticketId = t.id();
    TicketRequest request = t.request;
    outbox.add(() -> {
      try {
        classifierExecutor.execute(() -> runClassifier(ticketId, attempt, request));
      } catch (RejectedExecutionException e) {
        post(() -> classifierAnswered(ticketId, attempt, null, e));
      }
    });
  }

  /** On the classifier executor, outside the lock. */
  private void runClassifier(String ticketId, int attempt, TicketRequest request) {
    Classification result = null;
    Throwable error = null;
    try {
      result = config.classifier().classify(request);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      error = e;
    }
    Classification r = result;
    Throwable err = error;
    mutate(() -> {
      classifierAnswered(ticketId, attempt, r, err);
      return null;
    });
  }

  private void classifierAnswered(String ticketId, int attempt, Classification result,
      Throwable error) {
    TicketState t = tickets.get(ticketId);
    if (t == null || !t.awaitingClassifier || t.classifyAttempt != attempt) {
      lateResults++;
      return;
    }
    t.awaitingClassifier = false;
    deadlines.cancel(t.deadline);
    t.deadline = null;
    if (error != null || result == null) {
      classifierFailures++;
      String why = error == null ? "returned null" : "threw " + error;
      LOG.warn("classifier failed on ticket {}: {}", ticketId, why, error);
      triage(t, "the classifier " + why);
    } else if (result.confidence() < config.confidenceThreshold()) {
      lowConfidence++;
      t.suggestion = result;
      triage(t, "confidence " + result.confidence() + " is below the threshold "
          + config.confidenceThreshold());
    } else {
      t.autoClassified = true;
      applyClassification(t, result, Actor.system(), true);
    }
  }

  private void triage(TicketState t, String reason) {
    triaged++;
    t.triageReason = reason;
    Phase.Classify p = (Phase.Classify) lifecycle.phase(t.phase);
    WorkItem.Builder b = item(t, p.triageQueue(), p.name()).attribute("triageReason", reason);
    if (t.suggestion != null) {
      b.attribute("suggestedCategories", t.suggestion.categories());
    }
    attach(t, b);
    emit(new HelpDeskEvent.TriageRequested(t.id(), now, Optional.ofNullable(t.suggestion),
        reason));
  }

  private void applyClassification(TicketState t, Classification c, Actor actor,
      boolean automatic) {
    t.classification = c;
    emit(new HelpDeskEvent.Classified(t.id(), now, c, actor, automatic));
    String next = lifecycle.next(t.phase);
    String reason = automatic ? "classified automatically" : "classified by " + actor;
    if (next.equals(Lifecycle.CLOSED)) {
      close(t, Resolution.COMPLETED, actor, reason);
    } else {
      enter(t, next, actor, reason, false);
    }
  }

  private void emit(HelpDeskEvent event) {
    for (Consumer<? super HelpDeskEvent> l : config.listeners()) {
      outbox.add(() -> l.accept(event));
    }
  }

  // ---- history --------------------------------------------------------------------------------

  @Override
  public Crowd crowd() {
    return crowdFacade;
  }

  @Override
  public Optional<EndUserHistory> endUser(String userId) {
    Checks.id("user id", userId);
    return read(() -> Optional.ofNullable(histories().get(userId)));
  }

  @Override
  public List<EndUserHistory> mostSelfReliant(int limit, int minCases) {
    Checks.positive("limit", limit);
    if (minCases < 0) {
      throw new IllegalArgumentException("minCases is " + minCases + "; allowed: 0 or more");
    }
    return read(() -> EndUserHistories.mostSelfReliant(histories(), limit, minCases));
  }

  @Override
  public List<EndUserHistory> mostHelpfulInput(int limit) {
    Checks.positive("limit", limit);
    return read(() -> EndUserHistories.mostHelpfulInput(histories(), limit));
  }

  private Map<String, EndUserHistory> histories() {
    return EndUserHistories.of(tickets.values(), crowd);
  }

  // ---- time and stats -------------------------------------------------------------------------

  @Override
  public int runDue() {
    return mutate(() -> lastFired);
  }

  @Override
  public Optional<Instant> nextDeadline() {
    synchronized (lock) {
      return deadlines.next();
    }
  }

  @Override
  public HelpDeskStats stats() {
    synchronized (lock) {
      int closed = (int) tickets.values().stream().filter(TicketState::isClosed).count();
      return new HelpDeskStats(tickets.size() - closed, closed, classifierCalls,
          classifierFailures, classifierTimeouts, lateResults, lowConfidence, triaged,
          commandFailures, outbox.failures(), internalFailures);
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (ownClassifierThread != null) {
      ownClassifierThread.shutdownNow();
    }
  }
}
