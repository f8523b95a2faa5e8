package dev.switchboard.journal.tck.failover;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * Failover with real processes, for a clustered journal's tests: three node JVMs ({@link
 * NodeProcess}) serve one or more domains on the journal's store while a client per domain
 * ({@link FailoverWorkload}) sends uniquely numbered commands and a seeded schedule of faults
 * strikes: SIGKILL a node and restart it, SIGSTOP one past its lease and SIGCONT it, or a fault
 * of the store's own ({@link #storeFault}). Then {@link FailoverChecker} holds the run to its
 * rules. A test extends this with how to reach its store, start a node and find a domain's leader;
 * reports go to {@code target/failover}.
 *
 * @since 0.4
 */
public abstract class FailoverHarness {

  private static final Path OUT = Path.of("target", "failover");

  private final String leaseName;
  private final long leaseMillis;
  private final int killPercent;
  private final int pausePercent;

  /**
   * A harness whose nodes lose a domain after {@code leaseMillis} of silence (the lease, or the
   * session, as {@code leaseName} says in reports); of the faults, {@code killPercent} in a
   * hundred are kills, those up to {@code pausePercent} pauses, and the rest {@link
   * #storeFault}s.
   */
  protected FailoverHarness(String leaseName, long leaseMillis, int killPercent,
      int pausePercent) {
    if (killPercent < 0 || pausePercent < killPercent || pausePercent > 100) {
      throw new IllegalArgumentException("killPercent is " + killPercent + " and pausePercent "
          + pausePercent + "; allowed: 0 <= killPercent <= pausePercent <= 100");
    }
    this.leaseName = leaseName;
    this.leaseMillis = leaseMillis;
    this.killPercent = killPercent;
    this.pausePercent = pausePercent;
  }

  /**
   * A fresh store for one run, which {@code run} names ({@code seed3-1}, {@code timing}): how
   * nodes and the checker reach it (a database URL, a topic prefix).
   */
  protected abstract String newStore(String run) throws Exception;

  /** Starts node {@code name} (its {@code incarnation}th restart) serving the domains. */
  protected abstract NodeProcess startNode(String name, String store, List<String> domains,
      Path dir, int incarnation) throws Exception;

  /** The name of the node leading the domain, or null when none does (or it cannot be told). */
  protected abstract String leaderOf(String store, String domain) throws Exception;

  /** How the checker reads the store after a run. */
  protected abstract FailoverChecker.Log log(String store) throws Exception;

  /** Strikes a fault of the store's own at the node and says what it did; none by default. */
  protected String storeFault(String store, String node) throws Exception {
    throw new UnsupportedOperationException("this harness strikes no fault of its store");
  }

  /**
   * Runs {@code schedules} seeds of one domain from the seed the system property {@code
   * switchboard.failover.firstSeed} names (1 by default, so a long run can be resumed where it
   * stopped), {@code seconds} each, and asserts that every one kept every rule and confirmed more
   * than 20 commands.
   */
  public final void checkSeededSchedules(int schedules, int seconds) throws Exception {
    List<String> failed = new ArrayList<>();
    int first = Integer.getInteger("switchboard.failover.firstSeed", 1);
    for (int seed = first; seed < first + schedules; seed++) {
      FailoverChecker.Summary summary = run(seed, 1, seconds);
      if (!summary.violations().isEmpty()) {
        failed.add("seed " + seed + ": " + summary.violations());
      }
      assertThat(summary.acked()).as("seed " + seed + ": commands confirmed").isGreaterThan(20);
    }
    assertThat(failed).as("schedules that broke a rule").isEmpty();
  }

  /**
   * One seeded run: {@code domainCount} domains on three nodes for {@code seconds} under the
   * seed's schedule of faults, then checked; the summary is printed and written to the reports.
   */
  public final FailoverChecker.Summary run(int seed, int domainCount, int seconds)
      throws Exception {
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "seed-" + seed + "-");
    String store = newStore("seed" + seed + "-" + domainCount);
    List<String> domains = IntStream.range(0, domainCount).mapToObj(i -> "d" + i).toList();
    Map<String, NodeProcess> nodes = startNodes(store, domains, dir, "n");
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
    try {
      strike(new Random(seed), seconds, store, domains, nodes, dir, faults);
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
    FailoverChecker.Summary summary = new FailoverChecker(log(store))
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

  /** The seed's schedule of faults, for the run's length. */
  private void strike(Random schedule, int seconds, String store, List<String> domains,
      Map<String, NodeProcess> nodes, Path dir, List<String> faults) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int incarnation = 0;
    while (System.nanoTime() < end) {
      Thread.sleep(1500 + schedule.nextInt(1500));
      String target = schedule.nextInt(10) < 7
          ? leaderOf(store, domains.get(schedule.nextInt(domains.size()))) : null;
      if (target == null || !nodes.containsKey(target)) {
        target = List.copyOf(nodes.keySet()).get(schedule.nextInt(nodes.size()));
      }
      NodeProcess node = nodes.get(target);
      int kind = schedule.nextInt(100);
      if (kind < killPercent) {
        faults.add("SIGKILL " + target);
        node.kill();
        Thread.sleep(500 + schedule.nextInt(1000));
        nodes.put(target, startNode(target, store, domains, dir, ++incarnation));
      } else if (kind < pausePercent) {
        long pause = leaseMillis * 5 / 4 + schedule.nextInt((int) leaseMillis);
        faults.add("SIGSTOP " + target + " for " + pause + " ms");
        node.pause();
        Thread.sleep(pause);
        node.resume();
      } else {
        faults.add(storeFault(store, target));
      }
    }
  }

  /**
   * Kills the leader of one domain {@code kills} times, restarting it each time, and measures
   * how long until a command is confirmed by another node; the percentiles are printed and
   * written to {@code target/failover/failover-time.txt}.
   */
  public final void measureFailoverTime(int kills, long settleMillis) throws Exception {
    Files.createDirectories(OUT);
    Path dir = Files.createTempDirectory(OUT.toAbsolutePath(), "timing-");
    String store = newStore("timing");
    List<String> domains = List.of("timed");
    Map<String, NodeProcess> nodes = startNodes(store, domains, dir, "t");
    FailoverClient client = new FailoverClient(() -> addresses(nodes), 3000);
    List<Long> millis = new ArrayList<>();
    try {
      int item = 0;
      while (client.send("timed", "submit", "warm-" + item++).status()
          != FailoverClient.Status.ACKED) {
        Thread.sleep(50);
      }
      for (int k = 0; k < kills; k++) {
        String leader = leaderOf(store, "timed");
        while (leader == null || !nodes.containsKey(leader)) {
          Thread.sleep(100);
          leader = leaderOf(store, "timed");
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
        nodes.put(leader, startNode(leader, store, domains, dir, k + 1));
        Thread.sleep(settleMillis); // the restarted node follows before the next kill
      }
    } finally {
      for (NodeProcess n : nodes.values()) {
        n.kill();
      }
    }
    Collections.sort(millis);
    String report = "failover after SIGKILL of the leader, " + leaseName + " " + leaseMillis
        + " ms, " + millis.size() + " kills: p50 " + FailoverWorkload.percentile(millis, 50)
        + " ms, p99 " + FailoverWorkload.percentile(millis, 99) + " ms, max "
        + millis.get(millis.size() - 1) + " ms; all " + millis;
    Files.writeString(OUT.resolve("failover-time.txt"), report + "\n");
    System.out.println(report);
    assertThat(millis).hasSize(kills);
  }

  private Map<String, NodeProcess> startNodes(String store, List<String> domains, Path dir,
      String prefix) throws Exception {
    Map<String, NodeProcess> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    for (String name : List.of(prefix + "a", prefix + "b", prefix + "c")) {
      nodes.put(name, startNode(name, store, domains, dir, 0));
    }
    return nodes;
  }

  private static List<String> addresses(Map<String, NodeProcess> nodes) {
    synchronized (nodes) {
      return nodes.values().stream().map(NodeProcess::address).toList();
    }
  }
}
