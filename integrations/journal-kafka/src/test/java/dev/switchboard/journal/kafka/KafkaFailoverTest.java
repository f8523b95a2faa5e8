package dev.switchboard.journal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.journal.tck.failover.FailoverChecker;
import dev.switchboard.journal.tck.failover.FailoverClient;
import dev.switchboard.journal.tck.failover.FailoverWorkload;
import dev.switchboard.journal.tck.failover.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover with real processes on Kafka: the broker runs in this JVM (Kafka's KRaft test kit),
 * three node JVMs ({@link KafkaFailoverNode}, a {@link KafkaCluster} node each) reach it over
 * loopback and serve one domain (and, in another run, six) while a client sends uniquely
 * numbered commands and a seeded schedule of faults strikes: SIGSTOP a node past its consumer
 * group session and SIGCONT it, SIGKILL a node and restart it. Then the shared {@link
 * FailoverChecker} holds the run to its rules, reading the partitions (and the broker's segment
 * files, for the producer epochs) through {@link KafkaFailoverLog}. CI runs {@value
 * #DEFAULT_SCHEDULES} seeded schedules of one domain and one of six domains; {@code
 * -Dswitchboard.failover.schedules=N} runs N, {@code -Dswitchboard.failover.seconds=S} sets each
 * one's length, {@code -Dswitchboard.failover.leaseMillis=L} the session timeout, and {@code
 * -Dswitchboard.failover.kills=N} measures failover time over N kills of the leader (off in CI).
 */
class KafkaFailoverTest {

  @RegisterExtension
  static final TestKafka KAFKA = new TestKafka();

  private static final int DEFAULT_SCHEDULES = 4;
  private static final long SESSION_MILLIS =
      Long.getLong("switchboard.failover.leaseMillis", 2000);
  private static final Path OUT = Path.of("target", "failover");

  private static Admin admin;

  @BeforeAll
  static void connect() {
    admin = KAFKA.admin();
  }

  @AfterAll
  static void disconnect() {
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void seededFaultSchedules_oneDomainOnThreeNodes_keepEveryRule() throws Exception {
    int schedules = Integer.getInteger("switchboard.failover.schedules", DEFAULT_SCHEDULES);
    int seconds = Integer.getInteger("switchboard.failover.seconds", 15);
    List<String> failed = new ArrayList<>();
    for (int seed = 1; seed <= schedules; seed++) {
      FailoverChecker.Summary summary = run(seed, 1, seconds);
      if (!summary.violations().isEmpty()) {
        failed.add("seed " + seed + ": " + summary.violations());
      }
      assertThat(summary.acked()).as("seed " + seed + ": commands confirmed").isGreaterThan(20);
    }
    assertThat(failed).as("schedules that broke a rule").isEmpty();
  }

  @Test
  void aFaultSchedule_sixDomainsOnThreeNodes_keepsEveryRule() throws Exception {
    FailoverChecker.Summary summary = run(1000, 6,
        Integer.getInteger("switchboard.failover.seconds", 15));
    assertThat(summary.violations()).isEmpty();
    assertThat(summary.acked()).isGreaterThan(60);
  }

  @Test
  void failoverTime_overKillsOfTheLeader() throws Exception {
    int kills = Integer.getInteger("switchboard.failover.kills", 0);
    assumeTrue(kills > 0, "failover timing runs with -Dswitchboard.failover.kills=N");
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "timing-");
    String prefix = "timing";
    List<String> domains = List.of("timed");
    Map<String, NodeProcess> nodes = startNodes(prefix, domains, dir, "t");
    FailoverClient client = new FailoverClient(() -> addresses(nodes), 3000);
    List<Long> millis = new ArrayList<>();
    try {
      int item = 0;
      while (client.send("timed", "submit", "warm-" + item++).status()
          != FailoverClient.Status.ACKED) {
        Thread.sleep(50);
      }
      for (int k = 0; k < kills; k++) {
        String leader = leaderOf(prefix, "timed");
        while (leader == null || !nodes.containsKey(leader)) {
          Thread.sleep(100);
          leader = leaderOf(prefix, "timed");
        }
        NodeProcess victim = nodes.get(leader);
        long start = System.nanoTime();
        victim.kill();
        while (true) {
          FailoverClient.Sent s = client.send("timed", "submit", "k" + k + "-" + item++);
          if (s.status() == FailoverClient.Status.ACKED && !s.detail().equals(victim.address())) {
            break;
          }
        }
        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        nodes.put(leader, startNode(leader, prefix, domains, dir, k + 1));
        Thread.sleep(2 * SESSION_MILLIS); // the restarted node joins and follows before the next
      }
    } finally {
      for (NodeProcess n : nodes.values()) {
        n.kill();
      }
    }
    Collections.sort(millis);
    String report = "failover after SIGKILL of the leader, session " + SESSION_MILLIS + " ms, "
        + millis.size() + " kills: p50 " + FailoverWorkload.percentile(millis, 50) + " ms, p99 "
        + FailoverWorkload.percentile(millis, 99) + " ms, max " + millis.get(millis.size() - 1)
        + " ms; all " + millis;
    Files.writeString(OUT.resolve("failover-time.txt"), report + "\n");
    System.out.println(report);
    assertThat(millis).hasSize(kills);
  }

  // ------------------------------------------------------------------ one run

  private FailoverChecker.Summary run(int seed, int domainCount, int seconds) throws Exception {
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "seed-" + seed + "-");
    String prefix = "seed" + seed + "-" + domainCount;
    List<String> domains = IntStream.range(0, domainCount).mapToObj(i -> "d" + i).toList();
    Map<String, NodeProcess> nodes = startNodes(prefix, domains, dir, "n");
    FailoverClient client = new FailoverClient(() -> addresses(nodes), 3000);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (String domain : domains) {
      Random random = new Random(seed * 31L + domain.hashCode());
      Thread t = new Thread(() -> FailoverWorkload.work(client, domain, random, stop),
          "client-" + domain);
      t.start();
      workers.add(t);
    }
    List<String> faults = new CopyOnWriteArrayList<>();
    Random schedule = new Random(seed);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int incarnation = 0;
    try {
      while (System.nanoTime() < end) {
        Thread.sleep(1500 + schedule.nextInt(1500));
        String target = schedule.nextInt(10) < 7
            ? leaderOf(prefix, domains.get(schedule.nextInt(domains.size()))) : null;
        if (target == null || !nodes.containsKey(target)) {
          target = List.copyOf(nodes.keySet()).get(schedule.nextInt(nodes.size()));
        }
        NodeProcess node = nodes.get(target);
        if (schedule.nextInt(100) < 50) {
          faults.add("SIGKILL " + target);
          node.kill();
          Thread.sleep(500 + schedule.nextInt(1000));
          nodes.put(target, startNode(target, prefix, domains, dir, ++incarnation));
        } else {
          long pause = SESSION_MILLIS * 5 / 4 + schedule.nextInt((int) SESSION_MILLIS);
          faults.add("SIGSTOP " + target + " for " + pause + " ms");
          node.pause();
          Thread.sleep(pause);
          node.resume();
        }
      }
    } finally {
      stop.set(true);
      for (Thread t : workers) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      for (NodeProcess n : nodes.values()) {
        if (n.paused()) {
          n.resume();
        }
        n.kill();
      }
    }
    Map<String, Path> effects = new LinkedHashMap<>();
    for (String name : nodes.keySet()) {
      effects.put(name, NodeProcess.effects(dir, name));
    }
    FailoverChecker.Summary summary = new FailoverChecker(new KafkaFailoverLog(
        KAFKA.clientProperties(), prefix, KAFKA.logDirectories()))
        .check(domains, client.sent(), effects);
    String report = "seed " + seed + ", " + domainCount + " domain(s), " + seconds + " s: "
        + summary.entries() + " entries, " + summary.events() + " events, " + summary.epochs()
        + " epochs, " + summary.acked() + " commands confirmed, " + summary.unknown()
        + " unknown, " + summary.effects() + " side effects checked; faults " + faults
        + "; violations " + summary.violations();
    Files.writeString(dir.resolve("summary.txt"), report + "\n");
    Files.writeString(OUT.resolve("summaries.txt"), report + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    System.out.println(report);
    return summary;
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, NodeProcess> startNodes(String prefix, List<String> domains,
      Path dir, String name) throws Exception {
    Map<String, NodeProcess> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    for (String n : List.of(name + "a", name + "b", name + "c")) {
      nodes.put(n, startNode(n, prefix, domains, dir, 0));
    }
    return nodes;
  }

  private static NodeProcess startNode(String name, String prefix, List<String> domains,
      Path dir, int incarnation) throws Exception {
    return NodeProcess.start(KafkaFailoverNode.class, name,
        List.of((String) KAFKA.clientProperties().get("bootstrap.servers"), prefix,
            String.join(",", domains), Long.toString(SESSION_MILLIS)), dir, incarnation);
  }

  private static List<String> addresses(Map<String, NodeProcess> nodes) {
    synchronized (nodes) {
      return nodes.values().stream().map(NodeProcess::address).toList();
    }
  }

  /**
   * The node the cluster's consumer group assigns the domain's partition to, from the client id
   * its membership carries ({@code switchboard-node.<name>.<address>}, each base64url); null if
   * none.
   */
  private static String leaderOf(String prefix, String domain) {
    TopicPartition partition = new TopicPartition(prefix + ".journal." + domain, 0);
    try {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(prefix + ".cluster"))
          .all().get(5, TimeUnit.SECONDS).get(prefix + ".cluster");
      for (MemberDescription m : group.members()) {
        if (m.assignment().topicPartitions().contains(partition)
            && m.clientId().startsWith("switchboard-node.")) {
          String name = m.clientId().substring("switchboard-node.".length()).split("\\.")[0];
          return new String(Base64.getUrlDecoder().decode(name), StandardCharsets.UTF_8);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    return null;
  }
}
