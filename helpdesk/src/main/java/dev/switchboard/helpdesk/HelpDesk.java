package dev.switchboard.helpdesk;

import dev.switchboard.Switchboard;
import dev.switchboard.crowd.Crowd;
import dev.switchboard.event.RoutingEventListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tickets that live longer than one contact, moved through a {@link Lifecycle} on top of a
 * {@link Switchboard}: each phase's work is an item the switchboard routes, and the help desk
 * learns from the switchboard's events when that work is done. It also owns the {@link Crowd} of
 * power users and the end users' history.
 *
 * <p>Wiring: build the help desk first, register its {@link #listener()} on the switchboard's
 * builder, build the switchboard, then {@link #connect} it:
 *
 * <pre>{@code
 * HelpDesk desk = HelpDesk.builder().clock(clock).classifier(rules).build();
 * Switchboard sb = Switchboard.builder().clock(clock).listener(desk.listener())...build();
 * desk.connect(sb);
 * }</pre>
 *
 * <p>Threading: one lock guards all help desk state, so every method may be called from any
 * thread, including the switchboard's listener thread (where {@link #listener()} runs) and
 * inside a help desk listener. Methods never block on the switchboard: commands they send are
 * queued for its loop. Each call first handles every deadline (classifier timeout, confirmation
 * timeout, crowd time limits) due by the clock; {@link #runDue()} does only that, for a test that
 * moved a {@code ManualClock} or a host with no {@linkplain HelpDeskBuilder#tickEvery ticker}.
 * Listeners and reward hooks are called outside the lock, in order, one at a time; the classifier
 * runs on its executor, also outside the lock. Time comes only from the configured clock, and
 * with a direct classifier executor the same calls at the same clock readings give the same
 * tickets and events.
 *
 * <p>Durability: with a {@linkplain HelpDeskBuilder#journal journal}, every change is recorded
 * and a call that changes something returns once its entry is durable; listeners, reward hooks
 * and switchboard commands hear of a change only then. {@link #connect} reconciles the help
 * desk's work items with the switchboard's after a restart. See {@code docs/durability.md}.
 *
 * <p>Errors: a null or malformed argument throws {@link NullPointerException} or {@link
 * IllegalArgumentException}; an unknown ticket id throws {@link IllegalArgumentException} naming
 * it; an illegal move throws {@link IllegalStateException} naming the phases and the legal moves.
 * A refused call changes nothing.
 *
 * @since 0.1
 */
public interface HelpDesk extends AutoCloseable {

  /** Starts configuring a help desk. */
  static HelpDeskBuilder builder() {
    return new HelpDeskBuilder();
  }

  /**
   * The listener to register on the switchboard's builder; it turns item events into ticket and
   * crowd progress. On a threaded switchboard, give that listener a queue large enough never to
   * overflow ({@code listenerQueueCapacity}): an event dropped there is progress lost here.
   */
  RoutingEventListener listener();

  /**
   * Connects the switchboard that routes the work; once, before the first ticket or question.
   * A help desk rebuilt from its journal then compares its live work items with the
   * switchboard's and settles every difference (see {@code docs/durability.md}); connect before
   * the switchboard takes traffic.
   */
  void connect(Switchboard switchboard);

  /** Opens a ticket in the lifecycle's first phase. The id must be new. */
  Ticket open(TicketRequest request);

  /**
   * Finishes the current phase and moves to the next one in order (closing after the last: as
   * confirmed when it is a confirmation phase). Live work of the phase is completed for the agent
   * holding it, or withdrawn when nobody holds it.
   */
  Ticket advance(String ticketId, Actor actor);

  /**
   * Moves the ticket to a phase, if the lifecycle allows the move; {@link Lifecycle#CLOSED}
   * closes it.
   */
  Ticket moveTo(String ticketId, String phase, Actor actor, String reason);

  /**
   * A person classifies a ticket in a classification phase (the triage result, or earlier than
   * the classifier): recorded as a {@link ClassificationCorrection}, applied, and the ticket moves
   * on.
   */
  Ticket classify(String ticketId, Classification classification, Actor actor);

  /** The end user confirms the fix: a ticket in a confirmation phase closes as confirmed. */
  Ticket confirm(String ticketId);

  /**
   * The end user says it is still broken (in a confirmation phase, or after closing): the ticket
   * reopens to the lifecycle's reopen phase, and its work goes to the agent who last completed
   * work on it.
   */
  Ticket reportStillBroken(String ticketId, String note);

  /** The end user solved it themselves: the open ticket closes as self-solved. */
  Ticket solvedByUser(String ticketId);

  /** The ticket, if known. */
  Optional<Ticket> ticket(String ticketId);

  /** Every person's triage classification so far, oldest first, for later learning. */
  List<ClassificationCorrection> corrections();

  /** The crowd of power users this help desk routes community questions to. */
  Crowd crowd();

  /** The end user's history, if they have finished any work. */
  Optional<EndUserHistory> endUser(String userId);

  /**
   * End users most able to help themselves: highest self-help rate first, among users with at
   * least {@code minCases} finished cases; ties by more cases, then by id.
   */
  List<EndUserHistory> mostSelfReliant(int limit, int minCases);

  /**
   * End users whose input most helps the process: most precise reports plus accepted crowd
   * answers first; ties by higher report precision, then by id. Users with none are left out.
   */
  List<EndUserHistory> mostHelpfulInput(int limit);

  /** Handles every deadline due by the clock; returns how many fired. */
  int runDue();

  /** When the earliest pending deadline falls due, if any. */
  Optional<Instant> nextDeadline();

  /** The counters. */
  HelpDeskStats stats();

  /** Stops the ticker and classifier threads the help desk started (not the switchboard). */
  @Override
  void close();
}
