package dev.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.SwitchboardBuilder;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.InboundResult;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * A manual engine on a manual clock hosting in-memory adapters, with every event kept. By default
 * deliveries run on the loop thread ({@code Runnable::run}), so a test steps through retries and
 * timeouts deterministically.
 */
final class ChannelFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  final ManualClock clock = new ManualClock(T0);
  final List<RoutingEvent> events = Collections.synchronizedList(new ArrayList<>());
  final ManualSwitchboard sb;

  private ChannelFixture(UnaryOperator<SwitchboardBuilder> config) {
    this.sb = config.apply(Switchboard.builder()).clock(clock).listener(events::add)
        .buildManual();
    sb.drain(); // the adapters' first health reports
  }

  /** An engine configured by {@code config}; deliveries on the loop unless it sets an executor. */
  static ChannelFixture of(UnaryOperator<SwitchboardBuilder> config) {
    return new ChannelFixture(config);
  }

  /** A chat adapter (four sessions) that answers only. */
  static InMemoryChannelAdapter chatAdapter(String id) {
    return new InMemoryChannelAdapter(id, "chat",
        AdapterTraits.sessions(ChannelTraits.synchronous(3), 4));
  }

  static InMemoryChannelAdapter smsAdapter(String id) {
    return new InMemoryChannelAdapter(id, "sms",
        AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)));
  }

  static InMemoryChannelAdapter emailAdapter(String id) {
    return new InMemoryChannelAdapter(id, "email",
        AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)));
  }

  <T> T ok(CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }

  void agents(Channel channel, int capacity, String... ids) {
    for (String id : ids) {
      ok(sb.addAgent(Agent.builder(id).capacity(channel, capacity).build()));
      ok(sb.setPresence(id, Presence.AVAILABLE));
    }
  }

  void advance(Duration d) {
    clock.advance(d);
    sb.drain();
  }

  EngineSnapshot snapshot() {
    return ok(sb.snapshot());
  }

  String holder(String itemId) {
    return snapshot().item(itemId).flatMap(EngineSnapshot.ItemView::agentId)
        .orElseThrow(() -> new AssertionError("item " + itemId + " is held by nobody"));
  }

  int mark() {
    return events.size();
  }

  <E extends RoutingEvent> List<E> events(Class<E> type) {
    return eventsSince(0, type);
  }

  <E extends RoutingEvent> List<E> eventsSince(int mark, Class<E> type) {
    synchronized (events) {
      return events.subList(mark, events.size()).stream().filter(type::isInstance)
          .map(type::cast).toList();
    }
  }

  List<AdapterStatus> status() {
    return ok(sb.channels().adapters());
  }

  AdapterStatus status(String adapterId) {
    return status().stream().filter(s -> s.adapterId().equals(adapterId)).findFirst()
        .orElseThrow();
  }

  void accepted(CompletionStage<InboundResult> answer) {
    assertThat(ok(answer)).hasToString("InboundResult[status=ACCEPTED, reason=]");
  }

  @Override
  public void close() {
    sb.close();
  }
}
