package dev.switchboard.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RandomTries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulator's event heap: earliest first, scheduling order among equal times. */
class EventQueueTest {

  private record Scheduled(long at, long order, String name) {}

  @Test
  void equalTimes_comeOutInTheOrderTheyWereScheduled() {
    EventQueue<String> q = new EventQueue<>();
    q.add(5, "b", 2, "item-b", null);
    q.add(1, "a", 1, "item-a", "ann");
    q.add(5, "c", 3, null, "cat");
    List<String> out = new ArrayList<>();
    while (!q.isEmpty()) {
      long at = q.peekAt();
      q.poll();
      out.add(at + ":" + q.kind() + ":" + q.index() + ":" + q.itemId() + ":" + q.agentId());
    }
    assertThat(out).containsExactly("1:a:1:item-a:ann", "5:b:2:item-b:null", "5:c:3:null:cat");
  }

  @Test
  void anyMixOfSchedulingAndPolling_givesTheOrderOfAReferenceHeap() {
    RandomTries.check("event queue against a PriorityQueue", 200, 19, this::operations, ops -> {
      EventQueue<String> q = new EventQueue<>();
      PriorityQueue<Scheduled> reference = new PriorityQueue<>(
          Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::order));
      long order = 0;
      for (long op : ops) {
        if (op >= 0) {
          String name = "e" + order;
          q.add(op, name, (int) order, name, null);
          reference.add(new Scheduled(op, order++, name));
        } else if (!reference.isEmpty()) {
          Scheduled expected = reference.poll();
          assertThat(q.peekAt()).isEqualTo(expected.at());
          q.poll();
          assertThat(q.kind()).isEqualTo(expected.name());
          assertThat(q.itemId()).isEqualTo(expected.name());
          assertThat(q.index()).isEqualTo((int) expected.order());
        }
        assertThat(q.isEmpty()).isEqualTo(reference.isEmpty());
      }
    });
  }

  /** Up to 400 operations: a time of 0 to 9 schedules (many ties), -1 polls. */
  private long[] operations(Random random) {
    long[] ops = new long[random.nextInt(400)];
    double pollShare = random.nextDouble(); // sometimes the heap grows past its first arrays
    for (int i = 0; i < ops.length; i++) {
      ops[i] = random.nextDouble() < pollShare ? -1 : random.nextInt(10);
    }
    return ops;
  }
}
