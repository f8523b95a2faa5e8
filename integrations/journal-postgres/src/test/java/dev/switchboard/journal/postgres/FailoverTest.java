package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import dev.switchboard.journal.tck.failover.FailoverChecker;
import dev.switchboard.journal.tck.failover.FailoverClient;
import dev.switchboard.journal.tck.failover.FailoverWorkload;
import dev.switchboard.journal.tck.failover.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover with real processes: three node JVMs serve one domain (and, in another run, thirty)
 * on a real PostgreSQL while a client sends uniquely numbered commands and a seeded schedule of
 * faults strikes: SIGSTOP a leader past its lease and SIGCONT it, SIGKILL a node and restart it,
 * end a node's database sessions with {@code pg_terminate_backend}. Then {@link FailoverChecker}
 * holds the run to its rules. CI runs {@value #DEFAULT_SCHEDULES} seeded schedules of one domain
 * and one of thirty domains; {@code -Dswitchboard.failover.schedules=N} runs N (the documented
 * longer run), {@code -Dswitchboard.failover.seconds=S} sets each one's length, and {@code
 * -Dswitchboard.failover.kills=N} measures failover time over N kills of the leader (off in CI).
 */
class FailoverTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  private static final int DEFAULT_SCHEDULES = 4;
  private static final long LEASE_MILLIS = Long.getLong("switchboard.failover.leaseMillis", 2000);
  private static final Path OUT = Path.of("target", "failover");

  @Test
  void seededFaultSchedules_oneDomainOnThreeNodes_keepEveryRule() throws Exception {
    int schedules = Integer.getInteger("switchboard.failover.schedules", DEFAULT_SCHEDULES);
    int seconds = Integer.getInteger("switchboard.failover.seconds", 20);
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
  void aFaultSchedule_thirtyDomainsOnThreeNodes_keepsEveryRule() throws Exception {
    FailoverChecker.Summary summary = run(1000, 30,
        Integer.getInteger("switchboard.failover.seconds", 20));
    assertThat(summary.violations()).isEmpty();
    assertThat(summary.acked()).isGreaterThan(100);
  }

  @Test
  void failoverTime_overKillsOfTheLeader() throws Exception {
    int kills = Integer.getInteger("switchboard.failover.kills", 0);
    assumeTrue(kills > 0, "failover timing runs with -Dswitchboard.failover.kills=N");
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "timing-");
    String url = DATABASE.newDatabaseUrl();
    List<String> domains = List.of("timed");
    Map<String, NodeProcess> nodes = startNodes(url, domains, dir, "t");
    FailoverClient client = new FailoverClient(() -> addresses(nodes), 3000);
    List<Long> millis = new ArrayList<>();
    try {
      int item = 0;
      while (client.send("timed", "submit", "warm-" + item++).status()
          != FailoverClient.Status.ACKED) {
        Thread.sleep(50);
      }
      for (int k = 0; k < kills; k++) {
        String leader = leaderOf(url, "timed");
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
        nodes.put(leader, startNode(leader, url, domains, dir, k + 1));
        Thread.sleep(LEASE_MILLIS); // the restarted node follows before the next kill
      }
    } finally {
      for (NodeProcess n : nodes.values()) {
        n.kill();
      }
    }
    Collections.sort(millis);
    String report = "failover after SIGKILL of the leader, lease " + LEASE_MILLIS + " ms, "
        + millis.size() + " kills: p50 " + FailoverWorkload.percentile(millis, 50) + " ms, p99 "
        + FailoverWorkload.percentile(millis, 99) + " ms, max " + millis.get(millis.size() - 1) + " ms; all "
        + millis;
    Files.writeString(OUT.resolve("failover-time.txt"), report + "\n");
    System.out.println(report);
    assertThat(millis).hasSize(kills);
  }

  // ------------------------------------------------------------------ one run

  private FailoverChecker.Summary run(int seed, int domainCount, int seconds) throws Exception {
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "seed-" + seed + "-");
    String url = DATABASE.newDatabaseUrl();
    List<String> domains = IntStream.range(0, domainCount).mapToObj(i -> "d" + i).toList();
    Map<String, NodeProcess> nodes = startNodes(url, domains, dir, "n");
    FailoverClient client = new FailoverClient(() -> addresses(nodes), 3000);
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> workers = new ArrayList<>();
    for (String domain : domains) {
      Random random = new Random(seed * 31L + domain.hashCode());
      Thread t = new Thread(() -> FailoverWorkload.work(client, domain, random, stop), "client-" + domain);
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
            ? leaderOf(url, domains.get(schedule.nextInt(domains.size()))) : null;
        if (target == null || !nodes.containsKey(target)) {
          target = List.copyOf(nodes.keySet()).get(schedule.nextInt(nodes.size()));
        }
        NodeProcess node = nodes.get(target);
        int kind = schedule.nextInt(100);
        if (kind < 40) {
          faults.add("SIGKILL " + target);
          node.kill();
          Thread.sleep(500 + schedule.nextInt(1000));
          nodes.put(target, startNode(target, url, domains, dir, ++incarnation));
        } else if (kind < 75) {
          long pause = LEASE_MILLIS * 5 / 4 + schedule.nextInt((int) LEASE_MILLIS);
          faults.add("SIGSTOP " + target + " for " + pause + " ms");
          node.pause();
          Thread.sleep(pause);
          node.resume();
        } else {
          int ended = endSessions(url, target);
          faults.add("pg_terminate_backend on " + target + "'s " + ended + " session(s)");
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
    FailoverChecker.Summary summary = new FailoverChecker(new PostgresFailoverLog(DATABASE.dataSource(url)))
        .check(domains, client.sent(), effects);
    String report = "seed " + seed + ", " + domainCount + " domain(s), " + seconds + " s: "
        + summary.entries() + " entries, " + summary.events() + " events, " + summary.epochs()
        + " epochs, " + summary.acked() + " commands confirmed, " + summary.unknown()
        + " unknown, " + summary.effects() + " side effects checked; faults " + faults
        + "; violations " + summary.violations();
    Files.writeString(dir.resolve("summary.txt"), report + "\n");
    Files.writeString(OUT.resolve("summaries.txt"), report + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    System.out.println(report);
    return summary;
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, NodeProcess> startNodes(String url, List<String> domains, Path dir,
      String prefix) throws Exception {
    Map<String, NodeProcess> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    for (String name : List.of(prefix + "a", prefix + "b", prefix + "c")) {
      nodes.put(name, startNode(name, url, domains, dir, 0));
    }
    return nodes;
  }

  private static NodeProcess startNode(String name, String url, List<String> domains, Path dir,
      int incarnation) throws Exception {
    return NodeProcess.start(PostgresFailoverNode.class, name,
        List.of(url, String.join(",", domains), Long.toString(LEASE_MILLIS)), dir, incarnation);
  }

  private static List<String> addresses(Map<String, NodeProcess> nodes) {
    synchronized (nodes) {
      return nodes.values().stream().map(NodeProcess::address).toList();
    }
  }

  private static String leaderOf(String url, String domain) throws SQLException {
    try (Connection c = DATABASE.dataSource(url).getConnection(); PreparedStatement p =
        c.prepareStatement("SELECT node FROM switchboard_journal_writer WHERE domain = ?")) {
      p.setString(1, domain);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }

  /** Ends the node's sessions: those named after it, and its writers' (named per domain). */
  private static int endSessions(String url, String node) throws Exception {
    List<String> names = new ArrayList<>();
    names.add(node);
    try (Connection c = DATABASE.dataSource(url).getConnection()) {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT domain, epoch FROM switchboard_journal_writer WHERE node = ?")) {
        p.setString(1, node);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(r.getString(1).getBytes(StandardCharsets.UTF_8));
            names.add("switchboard writer " + HexFormat.of().formatHex(digest, 0, 8) + " "
                + r.getLong(2));
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("SELECT count(pg_terminate_backend(pid))"
          + " FROM pg_stat_activity WHERE application_name = ANY(?)")) {
        p.setArray(1, c.createArrayOf("text", names.toArray()));
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getInt(1);
        }
      }
    }
  }
}
