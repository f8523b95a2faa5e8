package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.CommandRejectedException.Reason;
import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A manual engine on a manual clock with a listener that keeps every event, and the small
 * helpers the behaviour tests share: run a command to completion, expect a rejection, read state.
 */
final class Fixture {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  final ManualClock clock = new ManualClock(T0);
  final List<RoutingEvent> events = new ArrayList<>();
  final ManualSwitchboard sb;

  private Fixture(UnaryOperator<SwitchboardBuilder> config) {
    this.sb = config.apply(Switchboard.builder()).clock(clock).listener(events::add).buildManual();
  }

  static Fixture of(UnaryOperator<SwitchboardBuilder> config) {
    return new Fixture(config);
  }

  static Fixture plain() {
    return new Fixture(b -> b);
  }

  /** Runs the loop until idle, then returns the stage's value (failing if it was rejected). */
  <T> T ok(CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  /** Runs the loop until idle and returns the rejection the stage failed with. */
  CommandRejectedException rejected(CompletionStage<?> stage, Reason reason) {
    sb.drain();
    Throwable t = catchThrowable(() -> stage.toCompletableFuture().join());
    assertThat(t).as("the command should have been rejected")
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(CommandRejectedException.class);
    CommandRejectedException e = (CommandRejectedException) t.getCause();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    return e;
  }

  /**
   * Runs the command, expects the rejection and checks that it left the engine unchanged: the same
   * snapshot and no event.
   */
  CommandRejectedException rejectedUnchanged(Supplier<CompletionStage<?>> command, Reason reason) {
    EngineSnapshot before = snapshot();
    int seen = events.size();
    CommandRejectedException e = rejected(command.get(), reason);
    assertThat(events.subList(seen, events.size())).as("events after a rejected command").isEmpty();
    assertThat(snapshot()).as("engine after a rejected command").isEqualTo(before);
    return e;
  }

  /** Expects the call to throw on the caller's thread, leaving the engine unchanged. */
  Throwable thrownUnchanged(Runnable call) {
    EngineSnapshot before = snapshot();
    int seen = events.size();
    Throwable t = catchThrowable(call::run);
    sb.drain();
    assertThat(t).as("the call should have thrown").isNotNull();
    assertThat(events.subList(seen, events.size())).as("events after a refused call").isEmpty();
    assertThat(snapshot()).as("engine after a refused call").isEqualTo(before);
    return t;
  }

  EngineSnapshot snapshot() {
    return ok(sb.snapshot());
  }

  void add(Agent agent) {
    ok(sb.addAgent(agent));
  }

  void available(String... agentIds) {
    for (String id : agentIds) {
      ok(sb.setPresence(id, Presence.AVAILABLE));
    }
  }

  void addAvailable(Agent... agents) {
    for (Agent a : agents) {
      add(a);
      available(a.id());
    }
  }

  void submit(WorkItem item) {
    ok(sb.submit(item));
  }

  void accept(String agentId, String itemId) {
    ok(sb.accept(agentId, itemId));
  }

  void complete(String agentId, String itemId) {
    ok(sb.complete(agentId, itemId, Outcome.RESOLVED));
  }

  void advance(Duration d) {
    clock.advance(d);
    sb.drain();
  }

  static Agent chatAgent(String id) {
    return Agent.builder(id).channel(Channel.CHAT).build();
  }

  static Agent chatAgent(String id, int capacity) {
    return Agent.builder(id).capacity(Channel.CHAT, capacity).build();
  }

  static WorkItem chat(String id) {
    return WorkItem.builder(id, Channel.CHAT).customer("cust-" + id).build();
  }

  static WorkItem.Builder chatBuilder(String id) {
    return WorkItem.builder(id, Channel.CHAT).customer("cust-" + id);
  }

  /** A mark to read only the events that follow. */
  int mark() {
    return events.size();
  }

  <E extends RoutingEvent> List<E> events(Class<E> type) {
    return eventsSince(0, type);
  }

  <E extends RoutingEvent> List<E> eventsSince(int mark, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (RoutingEvent e : events.subList(mark, events.size())) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  Optional<EngineSnapshot.ItemView> item(String itemId) {
    return snapshot().item(itemId);
  }

  ItemState state(String itemId) {
    return item(itemId).orElseThrow(() -> new AssertionError("item " + itemId + " is not live"))
        .state();
  }

  Optional<String> holder(String itemId) {
    return item(itemId).flatMap(EngineSnapshot.ItemView::agentId);
  }

  EngineSnapshot.AgentView agentView(String agentId) {
    return snapshot().agent(agentId).orElseThrow();
  }
}
