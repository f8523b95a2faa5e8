package dev.switchboard.micrometer;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Outcome;
import dev.switchboard.PolicyStep;
import dev.switchboard.Presence;
import dev.switchboard.RoutingPolicy;
import dev.switchboard.Switchboard;
import dev.switchboard.Target;
import dev.switchboard.WorkItem;
import dev.switchboard.kpi.LiveKpis;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small centre on the manual engine at 08:00 on a Monday: ann and bob on chat (team red, queue
 * "support", target 80% in 20 s), cat on email (team blue, queue "sales"), an in-memory SMS
 * adapter feeding "support". {@link #morning()} plays a few minutes of work; the engine is
 * handed to the binder through a proxy that counts snapshot requests.
 */
final class Centre implements AutoCloseable {

  static final Instant EIGHT = Instant.parse("2025-03-03T08:00:00Z");

  final ManualClock clock = new ManualClock(EIGHT);
  final LiveKpis kpis = LiveKpis.builder()
      .serviceTarget("support", Duration.ofSeconds(20), 0.8).build();
  final InMemoryChannelAdapter sms = new InMemoryChannelAdapter("sms-line", "sms",
      AdapterTraits.singleLogon(ChannelTraits.asynchronous(5)));
  final ManualSwitchboard engine;
  final AtomicInteger snapshotRequests = new AtomicInteger();
  /** The engine as the binder sees it: every call goes through, {@code snapshot()} counted. */
  final Switchboard counted;

  Centre() {
    RoutingPolicy anyone = RoutingPolicy.of(PolicyStep.untilAnswered(Target.requiredSkills()));
    engine = Switchboard.builder().clock(clock)
        .queue("support", anyone)
        .queue("sales", anyone)
        .autoAccept(Channel.CHAT, Channel.EMAIL)
        .adapter(sms, "support")
        .deliveryExecutor(Runnable::run)
        .listener(kpis)
        .buildManual();
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).team("red").build());
    engine.addAgent(Agent.builder("bob").capacity(Channel.CHAT, 1).team("red").build());
    engine.addAgent(Agent.builder("cat").capacity(Channel.EMAIL, 1).team("blue").build());
    engine.drain();
    counted = (Switchboard) Proxy.newProxyInstance(Switchboard.class.getClassLoader(),
        new Class<?>[] {Switchboard.class}, (proxy, method, args) -> {
          if (method.getName().equals("snapshot")) {
            snapshotRequests.incrementAndGet();
          }
          return method.invoke(engine, args);
        });
  }

  /**
   * 08:00 ann and cat available, bob offline; c1 to ann at once, c2 waits 30 s for her, e1 to
   * cat, c3 still waiting at 08:02 (queued 60 s); c1 resolved, e1 resolved after 90 s.
   */
  Centre morning() {
    engine.setPresence("ann", Presence.AVAILABLE);
    engine.setPresence("cat", Presence.AVAILABLE);
    chat("c1");
    at(10);
    chat("c2");
    email("e1");
    at(40);
    engine.complete("ann", "c1", Outcome.RESOLVED);
    at(60);
    chat("c3");
    at(90);
    engine.complete("cat", "e1", Outcome.RESOLVED);
    at(120);
    return this;
  }

  void chat(String id) {
    engine.submit(WorkItem.builder(id, Channel.CHAT).customer("k-" + id).queue("support")
        .build());
    engine.drain();
  }

  void email(String id) {
    engine.submit(WorkItem.builder(id, Channel.EMAIL).customer("k-" + id).queue("sales")
        .build());
    engine.drain();
  }

  /** Moves the clock to {@code seconds} after 08:00 and runs what is due. */
  void at(int seconds) {
    engine.drain();
    clock.set(EIGHT.plusSeconds(seconds));
    engine.drain();
  }

  @Override
  public void close() {
    engine.close();
  }
}
