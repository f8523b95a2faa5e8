package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.affinity.AffinityMeasures;
import dev.switchboard.affinity.AffinityOptions;
import dev.switchboard.event.RoutingEvent.ItemAssigned;
import dev.switchboard.event.RoutingEvent.ItemCompleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real threads against the threaded engine: producers submit personal work while supervisors move
 * and merge accounts and read agents' queues. Every item is answered and completed exactly once,
 * and the affinity measures count every answer.
 */
class AffinityConcurrencyTest {

  private static final int PRODUCERS = 4;
  private static final int ITEMS_PER_PRODUCER = 500;
  private static final int SUPERVISORS = 2;
  private static final int MOVES_PER_SUPERVISOR = 300;
  private static final int AGENTS = 6;
  private static final int CUSTOMERS = 20;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void personalWork_isAnsweredOnce_whileAccountsMoveConcurrently() throws Exception {
    BlockingQueue<ItemAssigned> assigned = new LinkedBlockingQueue<>();
    Set<String> completed = ConcurrentHashMap.newKeySet();
    List<String> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
    Switchboard sb = Switchboard.builder()
        .autoAccept(Channel.CHAT)
        .listenerQueueCapacity(1 << 20)
        .affinity(AffinityOptions.builder().learnOwnerAfter(2).build())
        .queue("personal", RoutingPolicy.of(
            PolicyStep.waitFor(Target.ownAgent(), Duration.ofMillis(20)),
            PolicyStep.waitFor(Target.recentAgents(), Duration.ofMillis(20)),
            PolicyStep.untilAnswered(Target.requiredSkills())))
        .listener(e -> {
          if (e instanceof ItemAssigned a) {
            assigned.add(a);
          } else if (e instanceof ItemCompleted c && !completed.add(c.itemId())) {
            duplicates.add(c.itemId());
          }
        })
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + SUPERVISORS + 1);
    try {
      for (int a = 0; a < AGENTS; a++) {
        await(sb.addAgent(Agent.builder("a" + a).capacity(Channel.CHAT, 2).build()));
        await(sb.setPresence("a" + a, Presence.AVAILABLE));
      }
      int total = PRODUCERS * ITEMS_PER_PRODUCER;
      CyclicBarrier start = new CyclicBarrier(PRODUCERS + SUPERVISORS + 1);
      List<Future<?>> tasks = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        int producer = p;
        tasks.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
            sb.submit(WorkItem.builder("p" + producer + "-" + i, Channel.CHAT)
                .customer("c" + ThreadLocalRandom.current().nextInt(CUSTOMERS))
                .queue("personal").build());
          }
          return null;
        }));
      }
      for (int s = 0; s < SUPERVISORS; s++) {
        tasks.add(pool.submit(() -> {
          start.await();
          ThreadLocalRandom r = ThreadLocalRandom.current();
          for (int i = 0; i < MOVES_PER_SUPERVISOR; i++) {
            String customer = "c" + r.nextInt(CUSTOMERS);
            switch (r.nextInt(4)) {
              case 0 -> sb.supervisor().moveAccounts(Map.of(customer, "a" + r.nextInt(AGENTS)));
              case 1 -> sb.supervisor().clearOwner(customer);
              case 2 -> sb.supervisor().agentQueue("a" + r.nextInt(AGENTS));
              default -> sb.supervisor().moveAccount(customer, "a" + r.nextInt(AGENTS));
            }
          }
          return null;
        }));
      }
      tasks.add(pool.submit(() -> {
        start.await();
        for (int done = 0; done < total; done++) {
          ItemAssigned a = assigned.poll(30, TimeUnit.SECONDS);
          if (a == null) {
            throw new AssertionError("no assignment for 30 s after " + done + " of " + total);
          }
          sb.complete(a.agentId(), a.itemId(), Outcome.RESOLVED);
        }
        return null;
      }));
      for (Future<?> t : tasks) {
        t.get(60, TimeUnit.SECONDS);
      }
      AffinityMeasures m = await(sb.supervisor().affinityMeasures());
      EngineSnapshot snapshot = await(sb.snapshot());
      sb.close();
      assertThat(duplicates).isEmpty();
      assertThat(completed).hasSize(total);
      assertThat(snapshot.items()).as("nothing left live").isEmpty();
      assertThat(m.answered()).isEqualTo(total);
      assertThat(m.ownAgentHits() + m.recentAgentHits()).isPositive().isLessThanOrEqualTo(total);
    } finally {
      pool.shutdownNow();
      sb.close();
    }
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
