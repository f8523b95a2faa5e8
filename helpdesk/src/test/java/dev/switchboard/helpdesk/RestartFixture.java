package dev.switchboard.helpdesk;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.Target;
import dev.switchboard.crowd.CrowdEvent;
import dev.switchboard.crowd.CrowdPolicy;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.journal.InMemoryJournal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.Journals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A help desk and a manual switchboard, each on an in-memory journal of its own, that can be
 * "crashed" and started again from what each journal held, or from only the first entries of
 * either (what a crash would have left durable). Email is auto-accepted; with {@code wrapUp},
 * agents wrap up for ten minutes after completing, so completed work stays live a while.
 */
final class RestartFixture {

  static final Lifecycle LIFECYCLE = Lifecycle.builder()
      .phase(Phase.manual("intake"))
      .phase(Phase.work("fix", "fixers"))
      .phase(Phase.work("check", "checkers"))
      .phase(Phase.confirmation("confirm", Duration.ofDays(1)))
      .reopenTo("fix").build();
  static final CrowdPolicy POLICY = CrowdPolicy.builder().crowdCategories("how-to")
      .expertCategories("billing").build();

  final ManualClock clock = new ManualClock(DeskFixture.T0);
  private final boolean wrapUp;
  InMemoryJournal deskJournal = Journals.inMemory();
  InMemoryJournal engineJournal = Journals.inMemory();
  HelpDesk desk;
  ManualSwitchboard sb;
  final List<HelpDeskEvent> events = new ArrayList<>();
  final List<CrowdEvent> crowdEvents = new ArrayList<>();
  final List<RoutingEvent> routing = new ArrayList<>();

  RestartFixture(boolean wrapUp) {
    this.wrapUp = wrapUp;
    start();
    agent("fay", "fixers");
    agent("chris", "checkers");
    agent("sue", "support");
  }

  private void start() {
    desk = HelpDesk.builder().clock(clock).lifecycle(LIFECYCLE).crowdPolicy(POLICY)
        .classifierExecutor(Runnable::run).listener(events::add).crowdListener(crowdEvents::add)
        .journal(deskJournal).build();
    SwitchboardBuilder b = Switchboard.builder().clock(clock).autoAccept(Channel.EMAIL)
        .queue("fixers", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("fixers"))))
        .queue("checkers", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("checkers"))))
        .queue("support", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("support"))))
        .listener(routing::add).listener(desk.listener()).journal(engineJournal);
    if (wrapUp) {
      b.wrapUp(Channel.EMAIL, Duration.ofMinutes(10));
    }
    sb = b.buildManual();
    desk.connect(sb);
    settle();
  }

  private void agent(String id, String team) {
    sb.addAgent(Agent.builder(id).channel(Channel.EMAIL).team(team).build());
    sb.setPresence(id, Presence.AVAILABLE);
    settle();
  }

  /**
   * The process dies: the desk keeps only its first {@code deskEntries} entries and the
   * switchboard its first {@code engineEntries} (null: all of them); both start again from them.
   */
  void crash(Integer deskEntries, Integer engineEntries) {
    deskJournal = prefix(deskJournal, deskEntries);
    engineJournal = prefix(engineJournal, engineEntries);
    events.clear();
    crowdEvents.clear();
    routing.clear();
    start();
  }

  /** Every journal entry both hold now, for cutting a crash later. */
  int deskEntries() {
    return deskJournal.entries().size();
  }

  int engineEntries() {
    return engineJournal.entries().size();
  }

  private static InMemoryJournal prefix(InMemoryJournal journal, Integer entries) {
    InMemoryJournal copy = Journals.inMemory();
    List<JournalEntry> all = journal.entries();
    for (JournalEntry e : all.subList(0, entries == null ? all.size() : entries)) {
      copy.append(e);
    }
    return copy;
  }

  /** Runs the switchboard and the desk until neither has anything to do. */
  void settle() {
    do {
      sb.drain();
    } while (desk.runDue() > 0);
    sb.drain();
  }

  EngineSnapshot engine() {
    var stage = sb.snapshot();
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  Optional<EngineSnapshot.ItemView> live(String itemId) {
    return engine().item(itemId);
  }

  Ticket ticket(String id) {
    return desk.ticket(id).orElseThrow();
  }

  /** Opens a ticket and moves it into its first work phase. */
  Ticket openToFix(String id) {
    desk.open(TicketRequest.of(id, "u-" + id, Channel.EMAIL, "", "printer on fire"));
    desk.advance(id, Actor.host("portal"));
    settle();
    return ticket(id);
  }

  /** The holder of the ticket's live item completes it. */
  void complete(String ticketId) {
    String item = ticket(ticketId).currentItem().orElseThrow();
    String agent = live(item).flatMap(EngineSnapshot.ItemView::agentId).orElseThrow();
    sb.complete(agent, item, Outcome.of("done"));
    settle();
  }

  <E> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
