package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.cluster.DomainListener;
import dev.switchboard.cluster.Route;
import dev.switchboard.cluster.SwitchboardCluster;
import dev.switchboard.event.RoutingEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nodes of one cluster in one JVM, on a real PostgreSQL: one leader per domain, the others
 * answering with its address; a graceful close hands domains over at once; a leader cut off from
 * the database stops itself within its lease and a follower takes over with the whole state;
 * thirty domains spread evenly over three nodes, over two when one leaves, and back when it
 * returns. Leases here are short (two seconds) so that the waits are; the waits poll a condition
 * with a deadline, they assert no timing. The real-process failover test (paused and killed
 * JVMs) is {@code FailoverTest}.
 */
class PostgresClusterTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  private static final AtomicInteger CLUSTERS = new AtomicInteger();
  private static final Duration LEASE = Duration.ofSeconds(2);

  private final List<SwitchboardCluster> nodes = new ArrayList<>();
  /** Events each node's engines emitted, by domain. */
  private final Map<String, List<RoutingEvent>> events = new HashMap<>();
  private final List<String> journal = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeNodes() {
    nodes.forEach(SwitchboardCluster::close);
  }

  @Test
  void oneLeader_theOtherRoutesToIt_andAGracefulCloseHandsTheDomainOverWithItsState()
      throws Exception {
    Set<String> domains = Set.of(prefix() + "tenant");
    String domain = domains.iterator().next();
    SwitchboardCluster a = node("a", DATABASE.dataSource(), domains);
    await("a leads", () -> a.leading().contains(domain));
    SwitchboardCluster b = node("b", DATABASE.dataSource(), domains);
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

    a.close();
    await("b took over", () -> b.leading().contains(domain));
    // leading() turns true before the listener hears of the gain, on another thread: wait for it
    await("b's listener heard the gain", () -> journal.contains("b gained " + domain));
    assertThat(journal).contains("a lost " + domain, "b gained " + domain);
    Switchboard taken = ((Route.Leader) b.route(domain)).engine();
    var snapshot = taken.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(snapshot.items()).extracting(v -> v.item().id())
        .containsExactly("item-0", "item-1", "item-2", "item-3", "item-4");
    assertThat(snapshot.agents()).extracting(v -> v.agent().id()).containsExactly("ann");

    taken.submit(WorkItem.builder("item-5", Channel.CHAT).customer("c5").build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    await("b's listener saw its own event", () -> events.getOrDefault("b " + domain, List.of())
        .stream().anyMatch(e -> e instanceof RoutingEvent.ItemSubmitted s
            && s.item().id().equals("item-5")));
    List<Long> sequences = new ArrayList<>();
    events.getOrDefault("a " + domain, List.of()).forEach(e -> sequences.add(e.sequence()));
    events.getOrDefault("b " + domain, List.of()).forEach(e -> sequences.add(e.sequence()));
    assertThat(sequences).as("event sequence numbers across the handover")
        .isEqualTo(IntStream.rangeClosed(1, sequences.size()).mapToObj(i -> (long) i).toList());
  }

  @Test
  void aStandby_followsTheLeadersCommitsOnTheirNotifications_notOnItsPoll() throws Exception {
    Set<String> domains = Set.of(prefix() + "tail");
    String domain = domains.iterator().next();
    SwitchboardCluster a = node("a", DATABASE.dataSource(), domains, Duration.ofMinutes(1));
    await("a leads", () -> a.leading().contains(domain));
    SwitchboardCluster b = node("b", DATABASE.dataSource(), domains, Duration.ofMinutes(1));
    Switchboard engine = ((Route.Leader) a.route(domain)).engine();
    engine.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 2).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    await("b's standby has read a's first entries", () -> position(b, domain) > 0);
    for (int i = 0; i < 20; i++) {
      engine.submit(WorkItem.builder("n" + i, Channel.CHAT).customer("c" + i).build())
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    long leader = position(a, domain);
    long start = System.nanoTime();
    await("b's standby caught up", () -> position(b, domain) == leader);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
        .as("caught up long before its one-minute poll: woken by NOTIFY").isLessThan(30);
    assertThat(a.status()).singleElement().satisfies(s -> {
      assertThat(s.leading()).isTrue();
      assertThat(s.epoch()).isPositive();
    });
    assertThat(b.status()).singleElement().satisfies(s -> assertThat(s.leading()).isFalse());
  }

  private static long position(SwitchboardCluster node, String domain) {
    return node.status().stream().filter(s -> s.domain().equals(domain)).findFirst()
        .orElseThrow().position();
  }

  @Test
  void aLeaderCutOffFromTheDatabase_stopsWithinItsLease_andAFollowerTakesOver()
      throws Exception {
    Set<String> domains = Set.of(prefix() + "cut");
    String domain = domains.iterator().next();
    ChaosDataSource toA = new ChaosDataSource(DATABASE.dataSource());
    SwitchboardCluster a = node("a", toA, domains);
    await("a leads", () -> a.leading().contains(domain));
    SwitchboardCluster b = node("b", DATABASE.dataSource(), domains);
    Switchboard old = ((Route.Leader) a.route(domain)).engine();
    old.addAgent(Agent.builder("ann").capacity(Channel.CHAT, 1).build())
        .toCompletableFuture().get(10, TimeUnit.SECONDS);

    toA.broken(true);
    await("a stopped leading", () -> a.leading().isEmpty());
    assertThat(a.route(domain)).isNotInstanceOf(Route.Leader.class);
    await("a's listener heard it", () -> journal.contains("a lost " + domain));
    await("b took over", () -> b.leading().contains(domain));
    assertThatThrownBy(() -> old.submit(WorkItem.builder("late", Channel.CHAT).customer("c")
        .build()).toCompletableFuture().get(10, TimeUnit.SECONDS))
        .as("the old leader applies nothing more").hasMessageContaining("not applied");
    Switchboard taken = ((Route.Leader) b.route(domain)).engine();
    assertThat(taken.snapshot().toCompletableFuture().get(10, TimeUnit.SECONDS).agents())
        .extracting(v -> v.agent().id()).containsExactly("ann");

    toA.broken(false);
    await("a follows b again", () -> a.route(domain) instanceof Route.Elsewhere e
        && e.node().equals("b"));
    assertThat(a.leading()).isEmpty();
  }

  @Test
  void thirtyDomains_spreadEvenly_overTheLiveNodes_andBackWhenANodeReturns() throws Exception {
    String p = prefix();
    Set<String> domains = IntStream.range(0, 30).mapToObj(i -> p + "d" + i)
        .collect(Collectors.toCollection(TreeSet::new));
    SwitchboardCluster a = node("a", DATABASE.dataSource(), domains);
    SwitchboardCluster b = node("b", DATABASE.dataSource(), domains);
    SwitchboardCluster c = node("c", DATABASE.dataSource(), domains);
    await("10 domains each", () -> counts(a, b, c).equals(List.of(10, 10, 10)),
        () -> "leading " + counts(a, b, c));
    assertDisjoint(a, b, c);

    c.close();
    await("15 domains each on the two left", () -> counts(a, b).equals(List.of(15, 15)),
        () -> "leading " + counts(a, b));
    assertDisjoint(a, b);

    SwitchboardCluster back = node("c", DATABASE.dataSource(), domains);
    await("10 domains each again", () -> counts(a, b, back).equals(List.of(10, 10, 10)),
        () -> "leading " + counts(a, b, back));
    assertDisjoint(a, b, back);
  }

  @Test
  void builder_refusesBadValues_andMissingOptions() {
    PostgresClusterBuilder builder = PostgresCluster.builder(DATABASE.dataSource());
    assertThatThrownBy(() -> builder.lease(Duration.ofMillis(10)))
        .hasMessageContaining("lease is PT0.01S; allowed: 500 ms to 5 minutes");
    assertThatThrownBy(() -> builder.domains(Set.of()))
        .hasMessageContaining("allowed: one domain or more");
    assertThatThrownBy(() -> builder.node("a\n", "x")).hasMessageContaining("control characters");
    builder.node("a", "http://a.test");
    assertThatThrownBy(() -> builder.node("b", "http://b.test"))
        .hasMessageContaining("node was already set");
    assertThatThrownBy(builder::build).hasMessageContaining("domains is required");
    SwitchboardCluster cluster = builder.domains(Set.of(prefix() + "x"))
        .engines(d -> Switchboard.builder()).lease(LEASE).build();
    nodes.add(cluster);
    assertThatThrownBy(() -> cluster.route("unknown"))
        .hasMessageContaining("domain \"unknown\" is not served by this cluster");
  }

  // ------------------------------------------------------------------ helpers

  private SwitchboardCluster node(String name, DataSource source, Set<String> domains) {
    return node(name, source, domains, Duration.ofMillis(100));
  }

  private SwitchboardCluster node(String name, DataSource source, Set<String> domains,
      Duration poll) {
    SwitchboardCluster node = PostgresCluster.builder(source)
        .node(name, "http://" + name + ".test")
        .domains(domains)
        .engines(domain -> {
          List<RoutingEvent> seen = Collections.synchronizedList(new ArrayList<>());
          synchronized (events) {
            events.put(name + " " + domain, seen);
          }
          return Switchboard.builder().listener(seen::add);
        })
        .journals(j -> j.snapshotInterval(50))
        .listener(new DomainListener() {
          @Override
          public void gained(String domain, Switchboard engine, long epoch) {
            journal.add(name + " gained " + domain);
          }

          @Override
          public void lost(String domain, String why) {
            journal.add(name + " lost " + domain);
          }
        })
        .lease(LEASE)
        .pollInterval(poll)
        .build();
    nodes.add(node);
    return node;
  }

  private static List<Integer> counts(SwitchboardCluster... nodes) {
    List<Integer> counts = new ArrayList<>();
    for (SwitchboardCluster n : nodes) {
      counts.add(n.leading().size());
    }
    return counts;
  }

  private static void assertDisjoint(SwitchboardCluster... nodes) {
    Set<String> all = new TreeSet<>();
    int total = 0;
    for (SwitchboardCluster n : nodes) {
      Set<String> leading = n.leading();
      total += leading.size();
      all.addAll(leading);
    }
    assertThat(all).as("no domain led by two nodes").hasSize(total);
  }

  private static String prefix() {
    return "cluster" + CLUSTERS.incrementAndGet() + "-";
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    await(what, condition, () -> "");
  }

  private static void await(String what, BooleanSupplier condition, Supplier<String> state)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("not within 90 s: " + what + "; " + state.get());
      }
      Thread.sleep(20);
    }
  }
}
