package dev.switchboard.journal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.CommandRejectedException;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.DomainStatus;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.tck.Recovered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes of one cluster in one JVM, on a real in-process broker: the consumer group gives each
 * domain to one node and the others answer with its address; a standby follows the leader's
 * commits; a graceful close hands domains over with their state; domains spread over the nodes
 * and never sit on two; a leader fenced by a newer writer stops at once. Sessions are short (one
 * second) so that the waits are; the waits poll a condition with a deadline, they assert no
 * timing.
 */
class KafkaClusterTest {

  @RegisterExtension
  static final TestKafka KAFKA = new TestKafka();

  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private final List<SwitchboardCluster> nodes = new ArrayList<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();
  private final String prefix = "cluster" + CLUSTERS.incrementAndGet();

  @AfterEach
  void closeNodes() {
    nodes.forEach(SwitchboardCluster::close);
  }

  @Test
  void oneLeader_theOtherRoutesToIt_followsIt_andAGracefulCloseHandsTheDomainOver()
      throws Exception {
    String domain = "tenant";
    SwitchboardCluster a = node("a", Set.of(domain));
    await("a leads", () -> a.leading().contains(domain));
    SwitchboardCluster b = node("b", Set.of(domain));
    await("b sees a as the leader", () -> b.route(domain) instanceof Route.Elsewhere);
    Route.Elsewhere elsewhere = (Route.Elsewhere) b.route(domain);
    assertThat(elsewhere.node()).isEqualTo("a");
    assertThat(elsewhere.address()).isEqualTo("http://a.test");
    assertThat(b.leading()).isEmpty();

    Switchboard engine = ((Route.Leader) a.route(domain)).engine();
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    engine.setPresence("ann", Presence.AVAILABLE).toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      engine.submit(WorkItem.builder("item-" + i, Channel.CHAT).customer("c" + i).build())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    long leaderAt = position(a, domain);
    assertThat(leaderAt).isGreaterThanOrEqualTo(7);
    await("b's standby replayed the leader's commits", () -> position(b, domain) == leaderAt);

    a.close();
    await("b took over", () -> b.leading().contains(domain));
    // leading() may turn true before the listener hears of the gain: wait for that too
    await("b's listener heard the gain", () -> changes.contains("b gained " + domain));
    assertThat(changes).contains("a gained " + domain, "a lost " + domain, "b gained " + domain);
    Switchboard taken = ((Route.Leader) b.route(domain)).engine();
    var snapshot = taken.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(snapshot.items()).extracting(v -> v.item().id())
        .containsExactly("item-0", "item-1", "item-2", "item-3", "item-4");
    assertThat(snapshot.agents()).extracting(v -> v.agent().id()).containsExactly("ann");
    taken.submit(WorkItem.builder("item-5", Channel.CHAT).customer("c5").build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void fourDomains_spreadOverTwoNodes_neverOnBoth_andAllGoToTheOneLeft() throws Exception {
    Set<String> domains = Set.of("d1", "d2", "d3", "d4");
    SwitchboardCluster a = node("a", domains);
    await("a leads all four", () -> a.leading().size() == 4);
    SwitchboardCluster b = node("b", domains);
    await("two each", () -> a.leading().size() == 2 && b.leading().size() == 2);
    Set<String> both = new HashSet<>(a.leading());
    both.retainAll(b.leading());
    assertThat(both).as("domains led by both nodes").isEmpty();
    for (String d : b.leading()) {
      await("a routes " + d + " to b", () -> a.route(d) instanceof Route.Elsewhere e
          && e.node().equals("b"));
    }
    b.close();
    await("a leads all four again", () -> a.leading().size() == 4);
  }

  @Test
  void aLeaderFencedByANewerWriter_refusesWithNotLeader_andTakesTheDomainBackWithItsState()
      throws Exception {
    String domain = "fenced";
    SwitchboardCluster a = node("a", Set.of(domain));
    await("a leads", () -> a.leading().contains(domain));
    Switchboard engine = ((Route.Leader) a.route(domain)).engine();
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    // a writer outside the cluster (a process thought dead, a mistaken host) takes the domain
    try (Journal rogue = KafkaJournals.builder(KAFKA.clientProperties()).domain(domain)
        .topicPrefix(prefix).unsafeSingleBroker().build()) {
      assertThat(Recovered.from(rogue).entries()).hasSize(1);
    }
    assertThatThrownBy(() -> engine.addAgent(Agent.builder("bob").capacity(Channel.CHAT, 2)
        .build()).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(CommandRejectedException.class)
        .extracting(e -> ((CommandRejectedException) e).reason())
        .isEqualTo(CommandRejectedException.Reason.NOT_LEADER);
    await("a lost the domain", () -> changes.contains("a lost " + domain));

    await("a, still holding the partition, leads again",
        () -> a.route(domain) instanceof Route.Leader l && l.engine() != engine);
    Switchboard again = ((Route.Leader) a.route(domain)).engine();
    var snapshot = again.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(snapshot.agents()).extracting(v -> v.agent().id()).containsExactly("ann");
  }

  @Test
  void builder_refusesBadValues_missingOptions_andOptionsSetTwice() {
    KafkaClusterBuilder b = KafkaCluster.builder(KAFKA.clientProperties());
    assertThatThrownBy(() -> b.domains(Set.of())).hasMessageContaining("domains is empty");
    assertThatThrownBy(() -> b.node("a", " ")).hasMessageContaining("address is \" \"");
    assertThatThrownBy(() -> b.sessionTimeout(Duration.ofMillis(999)))
        .hasMessage("sessionTimeout is PT0.999S; allowed: 1 second to 5 minutes");
    assertThatThrownBy(b::build).hasMessage("node is required");
    b.node("a", "http://a.test");
    assertThatThrownBy(() -> b.node("b", "http://b.test")).hasMessage("node was already set");
    b.domains(Set.of("d"));
    assertThatThrownBy(b::build).hasMessage("engines is required");
  }

  private SwitchboardCluster node(String name, Set<String> domains) {
    SwitchboardCluster node = KafkaCluster.builder(KAFKA.clientProperties())
        .node(name, "http://" + name + ".test")
        .domains(domains)
        .engines(domain -> Switchboard.builder())
        .journals(j -> j.topicPrefix(prefix).unsafeSingleBroker())
        .sessionTimeout(Duration.ofSeconds(1))
        .listener(new DomainListener() {
          @Override
          public void gained(String domain, Switchboard engine, long epoch) {
            changes.add(name + " gained " + domain);
          }

          @Override
          public void lost(String domain, String why) {
            changes.add(name + " lost " + domain);
          }
        })
        .build();
    nodes.add(node);
    return node;
  }

  private static long position(SwitchboardCluster node, String domain) {
    return node.status().stream().filter(s -> s.domain().equals(domain))
        .mapToLong(DomainStatus::position).findFirst().orElseThrow();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
          if (t.getName().startsWith("switchboard")) {
            dump.append("\nTHREAD ").append(t.getName());
            for (StackTraceElement e : st) {
              dump.append("\n   ").append(e);
            }
          }
        });
        throw new AssertionError("not within 60 s: " + what + dump);
      }
      Thread.sleep(20);
    }
  }
}
