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
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.testing.CheckedSwitchboards;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * A help desk on a manual switchboard (invariants checked after every step) and one manual clock,
 * with the classifier run on the calling thread. Queues: {@code triage}, {@code reproduction} (team {@code repro}),
 * {@code experts} (the {@code sme} team for 10 minutes, then anyone with the skills), {@code
 * implementation} (team {@code builders}) and {@code support}; email is auto-accepted so work is
 * assigned as soon as it is routed.
 */
public final class DeskFixture {

  public static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
  public static final Duration EXPERT_WAIT = Duration.ofMinutes(10);

  public final ManualClock clock = new ManualClock(T0);
  // Listeners of a desk on a durable journal hear events on the journal's writer thread, after
  // the entries are durable, while the test reads these lists: copy-on-write lists let it.
  public final List<RoutingEvent> routing = new CopyOnWriteArrayList<>();
  public final List<HelpDeskEvent> events = new CopyOnWriteArrayList<>();
  public final List<CrowdEvent> crowdEvents = new CopyOnWriteArrayList<>();
  public final HelpDesk desk;
  public final ManualSwitchboard sb;

  private DeskFixture(UnaryOperator<HelpDeskBuilder> config, Executor classifierExecutor) {
    desk = config.apply(HelpDesk.builder().clock(clock).classifierExecutor(classifierExecutor)
        .listener(events::add).crowdListener(crowdEvents::add)).build();
    SwitchboardBuilder b = Switchboard.builder().clock(clock)
        .skills("network", "billing", "printing")
        .autoAccept(Channel.EMAIL)
        .queue("triage", RoutingPolicy.DEFAULT)
        .queue("reproduction", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("repro"))))
        .queue("experts", RoutingPolicy.of(
            PolicyStep.waitFor(Target.team("sme"), EXPERT_WAIT),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .queue("implementation", RoutingPolicy.of(PolicyStep.untilAnswered(Target.team("builders"))))
        .queue("support", RoutingPolicy.DEFAULT)
        .listener(routing::add)
        .listener(desk.listener());
    sb = CheckedSwitchboards.checked(b);
    desk.connect(sb);
  }

  /** A desk configured by {@code config}. */
  public static DeskFixture of(UnaryOperator<HelpDeskBuilder> config) {
    return new DeskFixture(config, Runnable::run);
  }

  /** A desk configured by {@code config} whose classifier runs on {@code executor}. */
  public static DeskFixture of(UnaryOperator<HelpDeskBuilder> config, Executor executor) {
    return new DeskFixture(config, executor);
  }

  /** A classifier that knows network and billing words. */
  public static KeywordClassifier keywords() {
    return KeywordClassifier.builder()
        .keywords("network", "network", 5, "wifi", "router", "vpn")
        .keywords("billing", "billing", 4, "invoice", "refund")
        .build();
  }

  /** Adds an available email agent. */
  public void agent(String id, String team, String skill, int level) {
    Agent.Builder a = Agent.builder(id).channel(Channel.EMAIL).skill(skill, level);
    if (team != null) {
      a.team(team);
    }
    settle(sb.addAgent(a.build()));
    settle(sb.setPresence(id, Presence.AVAILABLE));
  }

  /** Sets an agent's presence. */
  public void presence(String id, Presence presence) {
    settle(sb.setPresence(id, presence));
  }

  /** Runs the switchboard and the desk's deadlines until neither has anything to do. */
  public void settle() {
    do {
      sb.drain();
    } while (desk.runDue() > 0);
    sb.drain();
  }

  private void settle(java.util.concurrent.CompletionStage<?> stage) {
    settle();
    stage.toCompletableFuture().join();
  }

  /** Moves both clocks on and settles. */
  public void advance(Duration d) {
    clock.advance(d);
    settle();
  }

  public Ticket ticket(String id) {
    return desk.ticket(id).orElseThrow();
  }

  /** The live item of the ticket's current phase. */
  public String item(String ticketId) {
    return ticket(ticketId).currentItem()
        .orElseThrow(() -> new AssertionError("ticket " + ticketId + " has no live item"));
  }

  /** Who holds a live item. */
  public Optional<String> holder(String itemId) {
    java.util.concurrent.CompletionStage<EngineSnapshot> stage = sb.snapshot();
    sb.drain();
    return stage.toCompletableFuture().join().item(itemId).flatMap(EngineSnapshot.ItemView::agentId);
  }

  /** The agent holding the ticket's current item completes it with the outcome. */
  public String completeWork(String ticketId, String outcome) {
    String item = item(ticketId);
    String agent = holder(item).orElseThrow(() -> new AssertionError(item + " is not held"));
    settle(sb.complete(agent, item, Outcome.of(outcome)));
    return agent;
  }

  public <E> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <E> List<E> crowdEvents(Class<E> type) {
    return crowdEvents.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <E> List<E> routing(Class<E> type) {
    return routing.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
