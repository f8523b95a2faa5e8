package dev.switchboard.helpdesk.internal;

import dev.switchboard.CommandRejectedException;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ItemState;
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
import dev.switchboard.journal.JournalException;
import dev.switchboard.crowd.internal.CrowdBook;
import dev.switchboard.crowd.internal.CrowdHost;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The help desk: the one owner of tickets, crowd questions, ledger and history. Every change is
 * one {@link DeskInput} applied under {@link #lock} by {@link #apply}, which first reads the clock
 * once and fires the deadlines due at that reading, so the desk is a single writer whichever
 * thread calls it and the same inputs at the same readings give the same state. With a journal,
 * each change that did something is recorded as its input and reading, and replayed on start.
 * What the desk does outside (host code, switchboard commands) goes through the {@link Outbox},
 * once the change is durable. After a restart, {@link #connect} reconciles the desk's live items
 * with the switchboard's (see docs/durability.md).
 */
public final class Desk implements HelpDesk, CrowdHost {

  private static final Logger LOG = LoggerFactory.getLogger(Desk.class);
  private static final Outcome MOVED_ON = Outcome.of("moved-on");
  /** What {@link #dispatch} returns for an input that concerns nothing of the desk's. */
  private static final Object IGNORED = new Object();
  private static final DeskInput.Tick TICK = new DeskInput.Tick();

  private final Object lock = new Object();
  private final DeskConfig config;
  private final Lifecycle lifecycle;
  private final Deadlines deadlines = new Deadlines();
  private final Outbox outbox = new Outbox();
  private final DeskJournal journal;
  private final List<Runnable> deferred = new ArrayList<>();
  private final Map<String, TicketState> tickets = new LinkedHashMap<>();
  private final Map<String, TicketState> byItem = new HashMap<>();
  private final List<ClassificationCorrection> corrections = new ArrayList<>();
  private final CrowdBook crowd;
  private final Crowd crowdFacade;
  private final Executor classifierExecutor;
  private final ExecutorService ownClassifierThread;
  private final ExecutorService effectsThread;
  private final ScheduledExecutorService ticker;
  private final RoutingEventListener listener = this::onRoutingEvent;
  private volatile Switchboard switchboard;
  private boolean replaying;
  /** After a replay, until reconciled: the items live at its end, and those acted on since. */
  private Set<String> recoveredItems;
  private Set<String> touched;
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

  /**
   * A desk for the configuration: replays its journal, if it has one, then starts the ticker
   * thread if one was asked for. Throws {@code JournalException} when the journal cannot be read
   * or does not replay on this configuration.
   */
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
    this.effectsThread = config.journal().isEmpty() ? null
        : Executors.newSingleThreadExecutor(r -> daemon(r, "switchboard-helpdesk-effects"));
    this.journal = new DeskJournal(config.journal().orElse(null), outbox::durable,
        this::flushLater);
    try {
      recover();
    } catch (RuntimeException e) {
      journal.close();
      stopThreads();
      throw e;
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
      apply(TICK, false);
    } catch (RuntimeException e) {
      LOG.error("help desk ticker failed", e);
    }
  }

  /** Effects whose entry became durable after the change returned: flushed on a desk thread. */
  private void flushLater() {
    if (outbox.ready()) {
      try {
        effectsThread.execute(outbox::flush);
      } catch (RejectedExecutionException e) {
        outbox.flush(); // closing: the closing thread is the one completing the entries
      }
    }
  }

  // ---- the journal ---------------------------------------------------------------------------

  /** Replays the journal into this fresh desk, with every effect on the outside muted. */
  private void recover() {
    List<DeskCodec.Decoded> entries = journal.recover();
    if (entries.isEmpty()) {
      return;
    }
    synchronized (lock) {
      replaying = true;
      outbox.mute(true);
      try {
        long sequence = 0;
        for (DeskCodec.Decoded entry : entries) {
          sequence++;
          now = entry.now(); // as recorded: readings were made monotonic when applied
          try {
            fireDue();
            dispatch(entry.input());
          } catch (RuntimeException e) {
            throw new JournalException("help desk journal entry " + sequence + " ("
                + entry.input().getClass().getSimpleName() + " at " + entry.now()
                + ") was refused on replay: " + e.getMessage() + "; the help desk must be"
                + " configured as when the journal was written", e);
          } finally {
            runDeferred();
          }
        }
      } finally {
        replaying = false;
        outbox.mute(false);
      }
      recoveredItems = new LinkedHashSet<>();
      for (TicketState t : tickets.values()) {
        if (t.item != null) {
          recoveredItems.add(t.item);
        }
      }
      crowd.staffItems().forEach(i -> recoveredItems.add(i.id()));
      touched = new HashSet<>();
      LOG.info("help desk recovered {} journal entries: {} tickets, {} live items",
          entries.size(), tickets.size(), recoveredItems.size());
    }
  }

  // ---- the single writer -------------------------------------------------------------------

  /**
   * Applies one input as one change under the lock, after the deadlines due, and records it when
   * it did something. An acknowledged input (a call on the API) returns only once its entry, and
   * every one before it, is durable; others (events, classifier results, ticks) do not wait, but
   * their effects still leave only once durable. Host code and commands run after the lock is
   * released. A refused call records only the deadlines it fired, and throws.
   */
  Object apply(DeskInput input, boolean acknowledged) {
    byte[] body = journal.enabled() ? DeskCodec.body(input) : null;
    Object result = null;
    RuntimeException refused = null;
    CompletableFuture<Void> durable;
    try {
      synchronized (lock) {
        journal.requireHealthy();
        try {
          now = latest(config.clock().instant());
          fireDue();
          result = dispatch(input);
        } catch (RuntimeException e) {
          refused = e;
        } finally {
          runDeferred();
        }
        boolean did = refused == null && result != IGNORED && !(input instanceof DeskInput.Tick);
        if (did) {
          record(input, body);
        } else if (lastFired > 0) {
          record(TICK, journal.enabled() ? DeskCodec.body(TICK) : null);
        }
        outbox.seal(journal.last());
        durable = journal.lastDurable();
      }
      if (acknowledged) {
        await(durable);
      }
    } finally {
      outbox.flush();
    }
    if (refused != null) {
      throw refused;
    }
    return result == IGNORED ? null : result;
  }

  private void record(DeskInput input, byte[] body) {
    journal.append(body == null ? null : DeskCodec.payload(now, input, body));
  }

  /** Applies an input nobody waits for; a failure is logged, as nobody could be told. */
  private void applyQuietly(DeskInput input) {
    try {
      apply(input, false);
    } catch (RuntimeException e) {
      LOG.warn("help desk could not apply {}: {}", input, e.toString());
    }
  }

  private static void await(CompletableFuture<Void> durable) {
    try {
      durable.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new JournalException("the help desk's journal could not record the change: "
          + cause, cause);
    }
  }

  /** Reads state under the lock without changing it, once every change it may show is durable. */
  <T> T read(Supplier<T> query) {
    T result;
    CompletableFuture<Void> durable;
    synchronized (lock) {
      result = query.get();
      durable = journal.lastDurable();
    }
    await(durable);
    return result;
  }

  /** Throws unless a switchboard is connected (a replay needs none: it sends nothing). */
  void requireConnected() {
    if (!replaying) {
      sb();
    }
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

  /** A change arriving from a callback under the lock: runs at the end of the current change. */
  void post(Runnable change) {
    if (!Thread.holdsLock(lock)) {
      throw new IllegalStateException("post outside a change"); // every caller holds the lock
    }
    deferred.add(change);
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

  /** Applies one input: the whole of the desk's behaviour, by input type. */
  private Object dispatch(DeskInput input) {
    if (input instanceof DeskInput.Open o) {
      return doOpen(o.request());
    } else if (input instanceof DeskInput.Advance a) {
      return doAdvance(a.ticketId(), a.actor());
    } else if (input instanceof DeskInput.MoveTo m) {
      return doMoveTo(m.ticketId(), m.phase(), m.actor(), m.reason());
    } else if (input instanceof DeskInput.Classify c) {
      return doClassify(c.ticketId(), c.classification(), c.actor());
    } else if (input instanceof DeskInput.Confirm c) {
      return doConfirm(c.ticketId());
    } else if (input instanceof DeskInput.StillBroken b) {
      return doReportStillBroken(b.ticketId(), b.note());
    } else if (input instanceof DeskInput.SolvedByUser u) {
      return doSolvedByUser(u.ticketId());
    } else if (input instanceof DeskInput.Tick) {
      return lastFired;
    } else if (input instanceof DeskInput.Classified c) {
      classifierAnswered(c.ticketId(), c.attempt(), c.result(), c.failure());
      return null;
    } else if (input instanceof DeskInput.Rejected r) {
      return commandRejected(r);
    }
    Object routed = routed(input);
    return routed != null ? routed : crowdInput(input);
  }

  private Object crowdInput(DeskInput input) {
    if (input instanceof DeskInput.AddPowerUser a) {
      crowd.addPowerUser(a.user());
      return null;
    } else if (input instanceof DeskInput.SetAvailable a) {
      crowd.setAvailable(a.userId(), a.available());
      return null;
    } else if (input instanceof DeskInput.Ask a) {
      requireConnected();
      return crowd.ask(a.question());
    } else if (input instanceof DeskInput.AnswerQuestion a) {
      return crowd.answer(a.questionId(), a.helperId(), a.text());
    } else if (input instanceof DeskInput.Accept a) {
      return crowd.acceptAnswer(a.questionId(), a.answerId());
    } else if (input instanceof DeskInput.Reject r) {
      return crowd.rejectAnswer(r.questionId(), r.answerId(), r.reason());
    } else if (input instanceof DeskInput.Withdraw w) {
      return crowd.withdraw(w.questionId(), w.solvedThemselves());
    } else if (input instanceof DeskInput.Redeem r) {
      return crowd.redeem(r.userId(), r.points(), r.reward());
    }
    throw new IllegalStateException("no handling for " + input);
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
  public void submit(WorkItem item) {
    send(DeskInput.Command.SUBMIT, item.id(), s -> s.submit(item));
  }

  @Override
  public void withdraw(String itemId) {
    send(DeskInput.Command.CANCEL, itemId, s -> s.cancel(itemId));
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

  // ---- wiring and reconciliation --------------------------------------------------------------

  @Override
  public RoutingEventListener listener() {
    return listener;
  }

  @Override
  public void connect(Switchboard switchboard) {
    Objects.requireNonNull(switchboard, "switchboard");
    boolean reconcile;
    synchronized (lock) {
      if (this.switchboard != null) {
        throw new IllegalStateException("a switchboard is already connected");
      }
      this.switchboard = switchboard;
      reconcile = recoveredItems != null;
    }
    if (reconcile) {
      // asked before any command the desk holds goes out, so the picture is the recovered one
      switchboard.snapshot().whenComplete((snapshot, e) -> {
        if (e != null) {
          LOG.warn("help desk cannot reconcile with the switchboard: {}", e.toString());
        } else {
          reconcile(snapshot);
        }
      });
    }
    outbox.connected();
    outbox.flush();
  }

  private Switchboard sb() {
    Switchboard s = switchboard;
    if (s == null) {
      throw new IllegalStateException("no switchboard connected: call connect(switchboard) first");
    }
    return s;
  }

  /**
   * Compares the items the desk held live at the end of its replay with the switchboard's live
   * items, right after a restart: an expected item the switchboard lacks is submitted again (a
   * rejection as a duplicate then says the switchboard had ended it unseen, and the work is
   * issued again); an item of the desk's that it no longer expects is taken back (completed for
   * its holder, else cancelled). An expected item the switchboard holds live, wrapping up
   * included, needs nothing: its events come as usual. Items the desk acted on since the restart
   * are left alone: their commands are on their way.
   */
  private void reconcile(EngineSnapshot snapshot) {
    synchronized (lock) {
      Set<String> recovered = recoveredItems;
      Set<String> acted = touched;
      recoveredItems = null;
      touched = null;
      Map<String, EngineSnapshot.ItemView> live = new HashMap<>();
      snapshot.items().forEach(v -> live.put(v.item().id(), v));
      int resent = 0;
      int orphans = 0;
      for (String id : recovered) {
        WorkItem spec = expectedItem(id);
        if (spec == null || acted.contains(id)) {
          continue;
        }
        if (!live.containsKey(id)) {
          resent++;
          TicketState t = byItem.get(id);
          submitItem(spec, t == null ? null : t.transferTo);
        }
      }
      for (EngineSnapshot.ItemView v : snapshot.items()) {
        String id = v.item().id();
        if (recovered.contains(id) || acted.contains(id) || expectedItem(id) != null
            || v.state() == ItemState.WRAPPING_UP || !issued(v.item())) {
          continue;
        }
        orphans++;
        Optional<String> holder = v.state() == ItemState.ASSIGNED && byTicket(v.item())
            ? v.agentId() : Optional.empty();
        if (holder.isPresent()) {
          send(DeskInput.Command.COMPLETE, id, s -> s.complete(holder.get(), id, MOVED_ON));
        } else {
          send(DeskInput.Command.CANCEL, id, s -> s.cancel(id));
        }
      }
      outbox.seal(journal.last());
      LOG.info("help desk reconciled with the switchboard: {} expected items submitted again,"
          + " {} items it no longer expects taken back", resent, orphans);
    }
    outbox.flush();
  }

  private void submitItem(WorkItem spec, String transferTo) {
    submit(spec);
    if (transferTo != null) {
      send(DeskInput.Command.TRANSFER, spec.id(),
          s -> s.transfer(spec.id(), TransferTarget.agent(transferTo)));
    }
  }

  /** The item as submitted, when the desk expects it live now. */
  private WorkItem expectedItem(String itemId) {
    TicketState t = byItem.get(itemId);
    if (t != null) {
      return itemId.equals(t.item) ? t.itemSpec : null;
    }
    if (!crowd.ownsItem(itemId)) {
      return null;
    }
    return crowd.staffItems().stream().filter(i -> i.id().equals(itemId)).findFirst()
        .orElse(null);
  }

  /** Whether a switchboard item is one the desk issued, for a ticket or a question. */
  private boolean issued(WorkItem item) {
    return byTicket(item) || crowd.issued(item);
  }

  private boolean byTicket(WorkItem item) {
    Object ticket = item.attributes().get("ticket");
    return ticket instanceof String id && tickets.containsKey(id)
        && item.id().startsWith(id + ":w");
  }

  /**
   * Sends a switchboard command once the change is durable; a rejection comes back as a {@link
   * DeskInput.Rejected} change of its own.
   */
  private void send(DeskInput.Command kind, String itemId,
      Function<Switchboard, CompletionStage<?>> command) {
    if (touched != null) {
      touched.add(itemId);
    }
    outbox.command(() -> {
      CompletionStage<?> stage;
      try {
        stage = command.apply(sb());
      } catch (RuntimeException e) {
        rejected(kind, itemId, e);
        return;
      }
      stage.whenComplete((ok, e) -> {
        if (e != null) {
          rejected(kind, itemId, e);
        }
      });
    });
  }

  private void rejected(DeskInput.Command kind, String itemId, Throwable e) {
    Throwable cause = e.getCause() != null && e instanceof CompletionException ? e.getCause() : e;
    String reason = cause instanceof CommandRejectedException r ? r.reason().name() : "OTHER";
    String what = kind.name().toLowerCase(Locale.ROOT) + " " + itemId;
    LOG.warn("help desk command '{}' was rejected: {}", what, cause.getMessage());
    applyQuietly(new DeskInput.Rejected(kind, itemId, reason,
        what + " was rejected: " + cause.getMessage()));
  }

  private Object commandRejected(DeskInput.Rejected r) {
    commandFailures++;
    String itemId = r.itemId();
    boolean duplicate = r.reason().equals(CommandRejectedException.Reason.DUPLICATE_ITEM.name());
    if (r.command() == DeskInput.Command.SUBMIT) {
      TicketState t = byItem.get(itemId);
      if (t != null && itemId.equals(t.item)) {
        if (duplicate) {
          reissue(t, itemId, t.transferTo, "the switchboard already had item " + itemId
              + ": it ended without the help desk learning how");
        } else {
          byItem.remove(itemId);
          t.item = null;
          t.itemSpec = null;
          t.transferTo = null;
          emit(new HelpDeskEvent.WorkWithdrawn(t.id(), now, itemId, r.message()));
        }
      } else {
        crowd.staffItemRejected(itemId, duplicate, r.message());
      }
    } else if (r.command() == DeskInput.Command.COMPLETE
        && (r.reason().equals(CommandRejectedException.Reason.WRONG_AGENT.name())
            || r.reason().equals(CommandRejectedException.Reason.WRONG_STATE.name()))) {
      // the holder the desk knew was out of date: take the work back all the same
      send(DeskInput.Command.CANCEL, itemId, s -> s.cancel(itemId));
    }
    return null;
  }

  /** Issues the phase's lost work again as a new item, to {@code toAgent} when not null. */
  private void reissue(TicketState t, String lostId, String toAgent, String reason) {
    byItem.remove(lostId);
    String itemId = t.id() + ":w" + (++t.workCount);
    attach(t, WorkItems.reissue(t.itemSpec, itemId), toAgent);
    emit(new HelpDeskEvent.WorkReissued(t.id(), now, lostId, itemId, reason));
  }

  // ---- routing events -------------------------------------------------------------------------

  private void onRoutingEvent(RoutingEvent event) {
    DeskInput input;
    if (event instanceof ItemAssigned a) {
      input = new DeskInput.Assigned(a.itemId(), a.agentId());
    } else if (event instanceof ItemReleased r) {
      input = new DeskInput.HolderLost(r.itemId());
    } else if (event instanceof ItemTransferred x) {
      input = new DeskInput.HolderLost(x.itemId());
    } else if (event instanceof StepEscalated s) {
      input = new DeskInput.Escalated(s.itemId(), s.fromStep(), s.toStep(), s.reason());
    } else if (event instanceof ItemCompleted c) {
      input = new DeskInput.Completed(c.itemId(), c.agentId(), c.outcome().code());
    } else if (event instanceof ItemCancelled c) {
      input = new DeskInput.Cancelled(c.itemId());
    } else if (event instanceof ItemAbandoned a) {
      input = new DeskInput.Abandoned(a.itemId());
    } else {
      return;
    }
    apply(input, false);
  }

  /** Applies a routing event, or returns null when the input is not one. */
  private Object routed(DeskInput input) {
    if (input instanceof DeskInput.Assigned a) {
      TicketState t = byItem.get(a.itemId());
      if (t == null) {
        return IGNORED;
      }
      t.holder = a.agentId();
    } else if (input instanceof DeskInput.HolderLost h) {
      TicketState t = byItem.get(h.itemId());
      if (t == null) {
        return IGNORED;
      }
      t.holder = null;
    } else if (input instanceof DeskInput.Escalated s) {
      TicketState t = byItem.get(s.itemId());
      if (t == null) {
        return IGNORED;
      }
      emit(new HelpDeskEvent.Escalated(t.id(), now, s.itemId(), s.fromStep(), s.toStep(),
          s.reason()));
    } else if (input instanceof DeskInput.Completed c) {
      TicketState t = byItem.remove(c.itemId());
      if (t != null) {
        workCompleted(t, c.agentId(), c.outcome());
      } else if (crowd.ownsItem(c.itemId())) {
        crowd.staffItemEnded(c.itemId(), true);
      } else {
        return IGNORED;
      }
    } else if (input instanceof DeskInput.Cancelled c) {
      TicketState t = byItem.remove(c.itemId());
      if (t != null) {
        t.item = null;
        t.itemSpec = null;
        t.holder = null;
        emit(new HelpDeskEvent.WorkWithdrawn(t.id(), now, c.itemId(),
            "cancelled through the switchboard"));
      } else if (crowd.ownsItem(c.itemId())) {
        crowd.staffItemEnded(c.itemId(), false);
      } else {
        return IGNORED;
      }
    } else if (input instanceof DeskInput.Abandoned a) {
      TicketState t = byItem.remove(a.itemId());
      if (t != null) {
        t.item = null;
        t.itemSpec = null;
        close(t, Resolution.ABANDONED, Actor.endUser(t.request.endUserId()),
            "the end user gave up on item " + a.itemId());
      } else if (crowd.ownsItem(a.itemId())) {
        crowd.staffItemEnded(a.itemId(), false);
      } else {
        return IGNORED;
      }
    } else {
      return null;
    }
    return true;
  }

  // ---- tickets --------------------------------------------------------------------------------

  @Override
  public Ticket open(TicketRequest request) {
    Objects.requireNonNull(request, "request");
    return (Ticket) apply(new DeskInput.Open(request), true);
  }

  private Ticket doOpen(TicketRequest request) {
    requireConnected();
    if (tickets.containsKey(request.ticketId())) {
      throw new IllegalArgumentException(
          "ticket id '" + request.ticketId() + "' is already in use");
    }
    TicketState t = new TicketState(request, now);
    tickets.put(t.id(), t);
    enter(t, lifecycle.first().name(), Actor.endUser(request.endUserId()), "opened", false);
    return t.snapshot();
  }

  @Override
  public Ticket advance(String ticketId, Actor actor) {
    Objects.requireNonNull(actor, "actor");
    return (Ticket) apply(new DeskInput.Advance(ticketId, actor), true);
  }

  private Ticket doAdvance(String ticketId, Actor actor) {
    TicketState t = open(ticketId);
    String next = lifecycle.next(t.phase);
    if (next.equals(Lifecycle.CLOSED)) {
      close(t, lifecycle.phase(t.phase) instanceof Phase.Confirmation
          ? Resolution.CONFIRMED : Resolution.COMPLETED, actor, "advanced");
    } else {
      enter(t, next, actor, "advanced", false);
    }
    return t.snapshot();
  }

  @Override
  public Ticket moveTo(String ticketId, String phase, Actor actor, String reason) {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(reason, "reason");
    return (Ticket) apply(new DeskInput.MoveTo(ticketId, phase, actor, reason), true);
  }

  private Ticket doMoveTo(String ticketId, String phase, Actor actor, String reason) {
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
  }

  @Override
  public Ticket classify(String ticketId, Classification classification, Actor actor) {
    Objects.requireNonNull(classification, "classification");
    Objects.requireNonNull(actor, "actor");
    return (Ticket) apply(new DeskInput.Classify(ticketId, classification, actor), true);
  }

  private Ticket doClassify(String ticketId, Classification classification, Actor actor) {
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
  }

  @Override
  public Ticket confirm(String ticketId) {
    return (Ticket) apply(new DeskInput.Confirm(ticketId), true);
  }

  private Ticket doConfirm(String ticketId) {
    TicketState t = open(ticketId);
    requireConfirmation(t, "confirm");
    close(t, Resolution.CONFIRMED, Actor.endUser(t.request.endUserId()),
        "confirmed by the end user");
    return t.snapshot();
  }

  @Override
  public Ticket reportStillBroken(String ticketId, String note) {
    Objects.requireNonNull(note, "note");
    return (Ticket) apply(new DeskInput.StillBroken(ticketId, note), true);
  }

  private Ticket doReportStillBroken(String ticketId, String note) {
    TicketState t = ticket(ticketId, true);
    if (!t.isClosed()) {
      requireConfirmation(t, "report it still broken");
    }
    reopen(t, Actor.endUser(t.request.endUserId()), "still broken: " + note);
    return t.snapshot();
  }

  @Override
  public Ticket solvedByUser(String ticketId) {
    return (Ticket) apply(new DeskInput.SolvedByUser(ticketId), true);
  }

  private Ticket doSolvedByUser(String ticketId) {
    TicketState t = open(ticketId);
    close(t, Resolution.SELF_SOLVED, Actor.endUser(t.request.endUserId()),
        "solved by the end user");
    return t.snapshot();
  }

  @Override
  public Optional<Ticket> ticket(String ticketId) {
    Objects.requireNonNull(ticketId, "ticketId");
    return read(() -> Optional.ofNullable(tickets.get(ticketId)).map(TicketState::snapshot));
  }

  @Override
  public List<ClassificationCorrection> corrections() {
    return read(() -> List.copyOf(corrections));
  }

  private void requireConfirmation(TicketState t, String action) {
    if (!(lifecycle.phase(t.phase) instanceof Phase.Confirmation)) {
      throw new IllegalStateException("ticket '" + t.id() + "' is in phase '" + t.phase
          + "', not waiting for the end user's confirmation, so the end user cannot " + action);
    }
  }

  private TicketState ticket(String ticketId, boolean closedToo) {
    Checks.id("ticket id", ticketId);
    requireConnected();
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
    t.itemSpec = null;
    t.transferTo = null;
    t.holder = null;
    if (holder != null) {
      send(DeskInput.Command.COMPLETE, itemId, s -> s.complete(holder, itemId, MOVED_ON));
    } else {
      send(DeskInput.Command.CANCEL, itemId, s -> s.cancel(itemId));
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
    attach(t, b.build(), toAgent);
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

  /**
   * Makes the item the phase's live work and submits it, then transfers it to {@code toAgent}
   * when not null; a rejection comes back as {@link #commandRejected}.
   */
  private void attach(TicketState t, WorkItem item, String toAgent) {
    t.item = item.id();
    t.itemSpec = item;
    t.transferTo = toAgent;
    t.holder = null;
    byItem.put(item.id(), t);
    submitItem(item, toAgent);
  }

  private void workCompleted(TicketState t, String agentId, String outcome) {
    t.item = null;
    t.itemSpec = null;
    t.transferTo = null;
    t.holder = null;
    Phase p = lifecycle.phase(t.phase);
    Actor agent = Actor.agent(agentId);
    if (p instanceof Phase.Classify) {
      Classification c1 = t.suggestion != null
          ? Classification.byPerson(t.suggestion.categories(), t.suggestion.requiredSkills(),
              t.suggestion.priority())
          : Classification.UNKNOWN;
      corrections.add(new ClassificationCorrection(t.request, Optional.ofNullable(t.suggestion),
          c1, agent, now, t.triageReason == null ? "triage" : t.triageReason));
      applyClassification(t, c1, agent, false);
    } else if (p instanceof Phase.Work w) {
      t.lastAgent = agentId;
      String to = w.outcomeRoutes().getOrDefault(outcome, lifecycle.next(t.phase));
      String reason = "work completed: " + outcome;
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
        applyQuietly(new DeskInput.Classified(ticketId, attempt, null, "threw " + e));
      }
    });
  }

  /** On the classifier executor, outside the lock. */
  private void runClassifier(String ticketId, int attempt, TicketRequest request) {
    Classification result = null;
    String failure = null;
    try {
      result = config.classifier().classify(request);
      if (result == null) {
        failure = "returned null";
      }
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      failure = "threw " + e;
      LOG.warn("classifier failed on ticket {}", ticketId, e);
    }
    applyQuietly(new DeskInput.Classified(ticketId, attempt, result, failure));
  }

  /** A classifier answer: {@code result}, or when it is null the {@code failure}. */
  private void classifierAnswered(String ticketId, int attempt, Classification result,
      String failure) {
    TicketState t = tickets.get(ticketId);
    if (t == null || !t.awaitingClassifier || t.classifyAttempt != attempt) {
      lateResults++;
      return;
    }
    t.awaitingClassifier = false;
    deadlines.cancel(t.deadline);
    t.deadline = null;
    if (result == null) {
      classifierFailures++;
      triage(t, "the classifier " + failure);
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
    attach(t, b.build(), null);
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
    return (Integer) apply(TICK, true);
  }

  @Override
  public Optional<Instant> nextDeadline() {
    return read(deadlines::next);
  }

  @Override
  public HelpDeskStats stats() {
    return read(() -> {
      int closed = (int) tickets.values().stream().filter(TicketState::isClosed).count();
      return new HelpDeskStats(tickets.size() - closed, closed, classifierCalls,
          classifierFailures, classifierTimeouts, lateResults, lowConfidence, triaged,
          commandFailures, outbox.failures(), internalFailures);
    });
  }

  /**
   * Stops the desk's threads and closes its journal, which makes every recorded change durable;
   * what those changes still had to do outside then runs on this thread.
   */
  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    journal.close();
    outbox.flush();
    stopThreads();
  }

  private void stopThreads() {
    if (ownClassifierThread != null) {
      ownClassifierThread.shutdownNow();
    }
    if (effectsThread != null) {
      effectsThread.shutdown();
    }
  }
}
