package dev.switchboard.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.EngineSnapshot;
import dev.switchboard.ManualClock;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEvent.MessageDelivered;
import dev.switchboard.spi.AdapterTraits;
import dev.switchboard.spi.ChannelIdentity;
import dev.switchboard.spi.ChannelTraits;
import dev.switchboard.spi.OutboundMessage;
import dev.switchboard.spi.memory.InMemoryChannelAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One single-logon channel (one IM account, one session) serving five agents at once: the engine
 * spreads its conversations over the agents, and every agent's reply leaves through the one
 * session.
 */
class SingleLogonTest {

  private static final int AGENTS = 5;

  private static InMemoryChannelAdapter imAccount() {
    return new InMemoryChannelAdapter("support-im", "im",
        AdapterTraits.singleLogon(ChannelTraits.synchronous(3)));
  }

  @Test
  void oneSingleLogonAccount_servesFiveAgents_andEveryReplyLeavesThroughIt() {
    InMemoryChannelAdapter im = imAccount();
    try (ChannelFixture f = ChannelFixture.of(b -> b.adapter(im)
        .deliveryExecutor(Runnable::run))) {
      f.agents(Channel.IM, 1, "a1", "a2", "a3", "a4", "a5");
      for (int n = 1; n <= AGENTS; n++) {
        im.customerSends(ChannelIdentity.chat("customer-" + n), "thread-" + n, "help " + n);
      }
      f.sb.drain();

      Map<String, String> agentOfItem = f.events(ItemOffered.class).stream()
          .collect(Collectors.toMap(ItemOffered::itemId, ItemOffered::agentId));
      assertThat(agentOfItem).hasSize(AGENTS);
      assertThat(Set.copyOf(agentOfItem.values())).hasSize(AGENTS); // spread over all five
      agentOfItem.forEach((item, agent) -> f.ok(f.sb.accept(agent, item)));
      agentOfItem.forEach((item, agent) ->
          f.ok(f.sb.channels().reply(agent, item, "answer from " + agent)));

      assertThat(im.traits().maxConcurrentSessions()).isEqualTo(1);
      assertThat(im.sent()).hasSize(AGENTS);
      assertThat(im.sent()).extracting(OutboundMessage::agentId)
          .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5");
      for (OutboundMessage m : im.sent()) {
        String item = "support-im:" + m.conversationKey() + "#1";
        assertThat(m.body()).isEqualTo("answer from " + agentOfItem.get(item));
        assertThat(m.recipient().value()).isEqualTo(
            "customer-" + m.conversationKey().substring("thread-".length()));
      }
    }
  }

  @Test
  void fiveAgentsReplyingAtOnce_onTheThreadedEngine_allLeaveThroughTheOneSession()
      throws Exception {
    InMemoryChannelAdapter im = imAccount();
    List<RoutingEvent> events = new CopyOnWriteArrayList<>();
    try (Switchboard sb = Switchboard.builder().clock(new ManualClock(ChannelFixture.T0))
        .adapter(im).listener(events::add).build()) {
      for (int n = 1; n <= AGENTS; n++) {
        join(sb.addAgent(Agent.builder("a" + n).capacity(Channel.IM, 1).build()));
        join(sb.setPresence("a" + n, Presence.AVAILABLE));
      }
      for (int n = 1; n <= AGENTS; n++) {
        im.customerSends(ChannelIdentity.chat("customer-" + n), "thread-" + n, "help " + n);
      }
      EngineSnapshot snapshot = awaitAllOffered(sb);
      CyclicBarrier barrier = new CyclicBarrier(AGENTS);
      List<CompletableFuture<String>> replies = new ArrayList<>();
      for (EngineSnapshot.ItemView item : snapshot.items()) {
        String agent = item.agentId().orElseThrow();
        join(sb.accept(agent, item.item().id()));
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.add(reply);
        Thread t = new Thread(() -> {
          try {
            barrier.await(10, TimeUnit.SECONDS);
            reply.complete(join(sb.channels().reply(agent, item.item().id(), "from " + agent)));
          } catch (Exception e) {
            reply.completeExceptionally(e);
          }
        });
        t.start();
      }
      for (CompletableFuture<String> r : replies) {
        r.get(10, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (events.stream().filter(MessageDelivered.class::isInstance).count() < AGENTS) {
        assertThat(System.nanoTime()).as("all five delivered in time").isLessThan(deadline);
        Thread.onSpinWait();
      }
    }
    assertThat(im.sent()).extracting(OutboundMessage::agentId)
        .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5");
  }

  private static EngineSnapshot awaitAllOffered(Switchboard sb) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      EngineSnapshot s = join(sb.snapshot());
      if (s.items().size() == AGENTS && s.items().stream().allMatch(i -> i.agentId().isPresent())) {
        return s;
      }
      assertThat(System.nanoTime()).as("all five offered in time").isLessThan(deadline);
    }
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

}
