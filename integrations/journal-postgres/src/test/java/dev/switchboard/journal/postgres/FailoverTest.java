package dev.switchboard.journal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.journal.tck.failover.FailoverChecker;
import dev.switchboard.journal.tck.failover.FailoverHarness;
import dev.switchboard.journal.tck.failover.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover with real processes: three node JVMs serve one domain (and, in another run, thirty)
 * on a real PostgreSQL while the shared {@link FailoverHarness} sends uniquely numbered commands
 * and strikes a seeded schedule of faults: SIGSTOP a leader past its lease and SIGCONT it, SIGKILL
 * a node and restart it, end a node's database sessions with {@code pg_terminate_backend}. Then
 * {@link FailoverChecker} holds the run to its rules. CI runs {@value #DEFAULT_SCHEDULES} seeded
 * schedules of one domain and one of thirty domains; {@code -Dswitchboard.failover.schedules=N}
 * runs N (the documented longer run), {@code -Dswitchboard.failover.seconds=S} sets each one's
 * length, and {@code -Dswitchboard.failover.kills=N} measures failover time over N kills of the
 * leader (off in CI).
 */
class FailoverTest {

  @RegisterExtension
  static final TestDatabase DATABASE = new TestDatabase();

  private static final int DEFAULT_SCHEDULES = 4;
  private static final long LEASE_MILLIS = Long.getLong("switchboard.failover.leaseMillis", 2000);

  /** Of the faults, 40 in a hundred kill a node, 35 pause one, and 25 end its sessions. */
  private final FailoverHarness harness = new FailoverHarness("lease", LEASE_MILLIS, 40, 75) {
    @Override
    protected String newStore(String run) throws SQLException {
      return DATABASE.newDatabaseUrl();
    }

    @Override
    protected NodeProcess startNode(String name, String url, List<String> domains, Path dir,
        int incarnation) throws Exception {
      return NodeProcess.start(PostgresFailoverNode.class, name,
          List.of(url, String.join(",", domains), Long.toString(LEASE_MILLIS)), dir, incarnation);
    }

    @Override
    protected String leaderOf(String url, String domain) throws SQLException {
      return FailoverTest.leaderOf(url, domain);
    }

    @Override
    protected FailoverChecker.Log log(String url) {
      return new PostgresFailoverLog(DATABASE.dataSource(url));
    }

    @Override
    protected String storeFault(String url, String node) throws Exception {
      int ended = endSessions(url, node);
      return "pg_terminate_backend on " + node + "'s " + ended + " session(s)";
    }
  };

  @Test
  void seededFaultSchedules_oneDomainOnThreeNodes_keepEveryRule() throws Exception {
    harness.checkSeededSchedules(
        Integer.getInteger("switchboard.failover.schedules", DEFAULT_SCHEDULES),
        Integer.getInteger("switchboard.failover.seconds", 20));
  }

  @Test
  void aFaultSchedule_thirtyDomainsOnThreeNodes_keepsEveryRule() throws Exception {
    FailoverChecker.Summary summary = harness.run(1000, 30,
        Integer.getInteger("switchboard.failover.seconds", 20));
    assertThat(summary.violations()).isEmpty();
    assertThat(summary.acked()).isGreaterThan(100);
  }

  @Test
  void failoverTime_overKillsOfTheLeader() throws Exception {
    int kills = Integer.getInteger("switchboard.failover.kills", 0);
    assumeTrue(kills > 0, "failover timing runs with -Dswitchboard.failover.kills=N");
    // the restarted node follows before the next kill
    harness.measureFailoverTime(kills, LEASE_MILLIS);
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
