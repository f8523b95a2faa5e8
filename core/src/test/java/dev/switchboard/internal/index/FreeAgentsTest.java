package dev.switchboard.internal.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ManualClock;
import dev.switchboard.Switchboard;
import dev.switchboard.internal.engine.LiveAgent;
import dev.switchboard.internal.loop.ManualEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The intrusive free list keeps the same order as a {@code TreeSet} under random churn. */
class FreeAgentsTest {

  private static List<LiveAgent> agents(int n) {
    ManualEngine sb = (ManualEngine) Switchboard.builder()
        .clock(new ManualClock(Instant.parse("2026-01-05T09:00:00Z"))).buildManual();
    for (int i = 0; i < n; i++) {
      sb.addAgent(Agent.builder("a" + i).capacity(Channel.CHAT, 1).build());
    }
    sb.drain();
    List<LiveAgent> out = new ArrayList<>(sb.engine().agents());
    out.sort(Comparator.comparingInt(LiveAgent::sequence));
    return out;
  }

  private static List<LiveAgent> walk(FreeAgents.Node<Void> first) {
    List<LiveAgent> out = new ArrayList<>();
    for (FreeAgents.Node<Void> n = first; n != null; n = n.next()) {
      out.add(n.agent);
    }
    return out;
  }

  @Test
  void randomChurn_keepsTheTreeSetOrder_andFindsTheFirstAfterASequence() {
    List<LiveAgent> agents = agents(300);
    Map<LiveAgent, Long> key = new IdentityHashMap<>();
    Comparator<LiveAgent> order = Comparator.<LiveAgent>comparingLong(key::get)
        .thenComparingInt(LiveAgent::sequence);
    FreeAgents<Void> list = new FreeAgents<>(order, 7);
    Map<LiveAgent, FreeAgents.Node<Void>> nodes = new IdentityHashMap<>();
    TreeSet<LiveAgent> expected = new TreeSet<>(order);
    Random random = new Random(11);
    for (LiveAgent a : agents) {
      key.put(a, (long) random.nextInt(50));
      nodes.put(a, list.node(a, null));
    }
    for (int step = 0; step < 20_000; step++) {
      LiveAgent a = agents.get(random.nextInt(agents.size()));
      FreeAgents.Node<Void> node = nodes.get(a);
      if (node.linked()) {
        expected.remove(a);
        list.remove(node);
        key.put(a, (long) random.nextInt(50));
      } else {
        expected.add(a);
        list.add(node);
      }
      assertThat(node.linked()).isEqualTo(expected.contains(a));
      if (step % 97 == 0) {
        assertThat(walk(list.first())).containsExactlyElementsOf(expected);
        assertThat(list.size()).isEqualTo(expected.size());
      }
    }

    FreeAgents<Void> bySequence = new FreeAgents<>(Comparator.comparingInt(LiveAgent::sequence), 3);
    TreeSet<LiveAgent> sequenced = new TreeSet<>(Comparator.comparingInt(LiveAgent::sequence));
    for (LiveAgent a : agents) {
      if (random.nextBoolean()) {
        bySequence.add(bySequence.node(a, null));
        sequenced.add(a);
      }
    }
    for (LiveAgent cursor : agents) {
      LiveAgent want = sequenced.higher(cursor);
      FreeAgents.Node<Void> got = bySequence.firstAfter(cursor.sequence());
      assertThat(got == null ? null : got.agent).as("first after %s", cursor).isEqualTo(want);
    }
    assertThat(bySequence.firstAfter(-1).agent).isEqualTo(sequenced.first());
  }

  @Test
  void removingAnUnlinkedNode_changesNothing_andAddingTwiceIsRefused() {
    List<LiveAgent> agents = agents(2);
    FreeAgents<Void> list = new FreeAgents<>(Comparator.comparingInt(LiveAgent::sequence), 1);
    FreeAgents.Node<Void> first = list.node(agents.get(0), null);
    FreeAgents.Node<Void> second = list.node(agents.get(1), null);
    list.add(second);
    list.remove(first);

    assertThat(walk(list.first())).containsExactly(agents.get(1));
    assertThatThrownBy(() -> list.add(second)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already free");
    list.remove(second);
    assertThat(list.first()).isNull();
    assertThat(list.size()).isZero();
  }
}
