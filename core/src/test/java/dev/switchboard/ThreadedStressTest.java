package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.event.RoutingEvent;
import dev.switchboard.event.RoutingEvent.ItemAbandoned;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCancelled;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import dev.switchboard.event.RoutingEvent.ItemOffered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads against the threaded engine: producers submit and work their agents' offers while
 * other threads flap presence. At the end every submitted item has exactly one final event and
 * nothing is left live.
 */
class ThreadedStressTest {

  private static final int PRODUCERS = 8;
  private static final int ITEMS_PER_PRODUCER = 2_000;
  private static final int AGENTS_PER_PRODUCER = 2;
  private static final int FLAPPERS = 2;
  private static final int FLAPS_PER_FLAPPER = 1_000;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everySubmittedItem_endsExactlyOnce_underConcurrentCommands() throws Exception {
    List<BlockingQueue<RoutingEvent>> inboxes = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      inboxes.add(new LinkedBlockingQueue<>());
    }
    Queue<RoutingEvent> finals = new ConcurrentLinkedQueue<>();
    Switchboard sb = Switchboard.builder()
        .offerTimeout(Duration.ofMinutes(10))
        .listenerQueueCapacity(1 << 22)
        .listener(e -> {
          if (e instanceof ItemOffered o) {
            inboxes.get(owner(o.agentId())).add(e);
          } else if (e instanceof ItemAssigned a) {
            inboxes.get(owner(a.agentId())).add(e);
          } else if (e instanceof ItemCompleted || e instanceof ItemCancelled
              || e instanceof ItemAbandoned) {
            finals.add(e);
          }
        })
        .build();
    Set<String> submitted = ConcurrentHashMap.newKeySet();
    try {
      List<String> agentIds = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        for (int k = 0; k < AGENTS_PER_PRODUCER; k++) {
          String id = "p" + p + "-a" + k;
          agentIds.add(id);
          await(sb.addAgent(Agent.builder(id).capacity(Channel.CHAT, 3)
              .capacity(Channel.EMAIL, 2).build()));
          await(sb.setPresence(id, Presence.AVAILABLE));
        }
      }
      AtomicBoolean draining = new AtomicBoolean();
      CyclicBarrier start = new CyclicBarrier(PRODUCERS + FLAPPERS);
      ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + FLAPPERS);
      List<Future<?>> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int me = p;
        producers.add(pool.submit(() -> {
          start.await();
          List<CompletionStage<Void>> stages = new ArrayList<>();
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
            String id = "p" + me + "-i" + i;
            Channel channel = i % 3 == 0 ? Channel.EMAIL : Channel.CHAT;
            stages.add(sb.submit(WorkItem.builder(id, channel).customer("c" + i).build()));
            submitted.add(id);
            if (i % 50 == 7) {
              sb.cancel(id);
            } else if (i % 50 == 13) {
              sb.abandon(id);
            }
            if (rnd.nextInt(4) == 0) {
              work(sb, inboxes.get(me));
            }
          }
          for (CompletionStage<Void> s : stages) {
            await(s);
          }
          return null;
        }));
      }
      List<Future<?>> flappers = new ArrayList<>();
      for (int t = 0; t < FLAPPERS; t++) {
        flappers.add(pool.submit(() -> {
          start.await();
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          for (int i = 0; i < FLAPS_PER_FLAPPER; i++) {
            String agent = agentIds.get(rnd.nextInt(agentIds.size()));
            Presence to = switch (rnd.nextInt(3)) {
              case 0 -> Presence.OFFLINE;
              case 1 -> Presence.away("break");
              default -> Presence.AVAILABLE;
            };
            sb.setPresence(agent, to);
          }
          return null;
        }));
      }
      for (Future<?> f : flappers) {
        f.get(60, TimeUnit.SECONDS);
      }
      for (Future<?> f : producers) {
        f.get(60, TimeUnit.SECONDS);
      }
      for (String id : agentIds) {
        await(sb.setPresence(id, Presence.AVAILABLE));
      }
      List<Future<?>> workers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        BlockingQueue<RoutingEvent> inbox = inboxes.get(p);
        workers.add(pool.submit(() -> {
          while (!draining.get()) {
            RoutingEvent next = inbox.poll(10, TimeUnit.MILLISECONDS);
            if (next != null) {
              handle(sb, next);
              work(sb, inbox);
            }
          }
          return null;
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      EngineSnapshot last = await(sb.snapshot());
      while (!last.items().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        last = await(sb.snapshot());
      }
      draining.set(true);
      for (Future<?> w : workers) {
        w.get(30, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      assertThat(last.items()).as("nothing is left live").isEmpty();
      for (EngineSnapshot.AgentView a : last.agents()) {
        assertThat(a.itemIds()).as(a.agent().id() + " holds nothing").isEmpty();
        assertThat(a.load()).isEmpty();
      }
      assertThat(last.droppedEvents()).isZero();
      assertThat(last.listenerFailures()).isZero();
    } finally {
      sb.close();
    }
    Map<String, Integer> endings = new HashMap<>();
    for (RoutingEvent e : finals) {
      String id;
      if (e instanceof ItemCompleted c) {
        id = c.itemId();
      } else if (e instanceof ItemCancelled c) {
        id = c.itemId();
      } else {
        id = ((ItemAbandoned) e).itemId();
      }
      endings.merge(id, 1, Integer::sum);
    }
    assertThat(submitted).hasSize(PRODUCERS * ITEMS_PER_PRODUCER);
    assertThat(endings.keySet()).as("every submitted item ended").isEqualTo(submitted);
    assertThat(endings).as("one final event per submitted item")
        .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
    assertThat(finals.stream().filter(e -> e instanceof ItemCompleted).count())
        .as("most items were worked").isGreaterThan(PRODUCERS * ITEMS_PER_PRODUCER / 2);
  }

  private static int owner(String agentId) {
    return Integer.parseInt(agentId.substring(1, agentId.indexOf('-')));
  }

  /** Accepts what was offered and completes what was assigned; true if there was anything. */
  private static boolean work(Switchboard sb, Queue<RoutingEvent> inbox) {
    boolean any = false;
    RoutingEvent e;
    while ((e = inbox.poll()) != null) {
      any = true;
      handle(sb, e);
    }
    return any;
  }

  private static void handle(Switchboard sb, RoutingEvent e) {
    if (e instanceof ItemOffered o) {
      sb.accept(o.agentId(), o.itemId());
    } else if (e instanceof ItemAssigned a) {
      sb.complete(a.agentId(), a.itemId(), Outcome.RESOLVED);
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
