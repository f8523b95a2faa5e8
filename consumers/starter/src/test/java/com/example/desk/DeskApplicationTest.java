package com.example.desk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Outcome;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import dev.switchboard.event.RoutingEventListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@SpringBootTest
class DeskApplicationTest {

  @TestConfiguration
  static class Events {
    final BlockingQueue<RoutingEvent> seen = new LinkedBlockingQueue<>();

    @Bean
    RoutingEventListener recorder() {
      return seen::add;
    }
  }

  @Autowired
  Switchboard switchboard;

  @Autowired
  Events events;

  @Test
  void theStartersEngine_routesAnEmailToTheAgentWithTheSkill() throws Exception {
    switchboard.addAgent(Agent.builder("ann").skill("billing", 5).channel(Channel.EMAIL).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    switchboard.setPresence("ann", Presence.AVAILABLE).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    switchboard.submit(WorkItem.builder("mail-1", Channel.EMAIL).customer("cust-1")
        .requireSkill("billing", 3).queue("billing").build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    ItemOffered offer = next(ItemOffered.class);
    assertThat(offer.agentId()).isEqualTo("ann");
    switchboard.accept("ann", "mail-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
    switchboard.complete("ann", "mail-1", Outcome.RESOLVED).toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThat(next(ItemCompleted.class).itemId()).isEqualTo("mail-1");
  }

  private <E extends RoutingEvent> E next(Class<E> type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      RoutingEvent e = events.seen.poll(100, TimeUnit.MILLISECONDS);
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
  }
}
