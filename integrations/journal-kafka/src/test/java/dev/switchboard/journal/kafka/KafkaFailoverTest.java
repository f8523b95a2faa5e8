package dev.switchboard.journal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.journal.tck.failover.FailoverChecker;
import dev.switchboard.journal.tck.failover.FailoverHarness;
import dev.switchboard.journal.tck.failover.NodeProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * loopback and serve one domain (and, in another run, six) while the shared {@link
 * FailoverHarness} sends uniquely numbered commands and strikes a seeded schedule of faults:
 * SIGSTOP a node past its consumer group session and SIGCONT it, SIGKILL a node and restart it.
 * Then the shared {@link FailoverChecker} holds the run to its rules, reading the partitions
 * (and the broker's segment files, for the producer epochs) through {@link KafkaFailoverLog}. CI
 * runs {@value #DEFAULT_SCHEDULES} seeded schedules of one domain and one of six domains; {@code
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

  private static Admin admin;

  /** Half the faults kill a node, the other half pause one. */
  private final FailoverHarness harness = new FailoverHarness("session", SESSION_MILLIS, 50,
      100) {
    @Override
    protected String newStore(String run) {
      return run; // the topic prefix
    }

    @Override
    protected NodeProcess startNode(String name, String prefix, List<String> domains, Path dir,
        int incarnation) throws Exception {
      return NodeProcess.start(KafkaFailoverNode.class, name,
          List.of((String) KAFKA.clientProperties().get("bootstrap.servers"), prefix,
              String.join(",", domains), Long.toString(SESSION_MILLIS)), dir, incarnation);
    }

    @Override
    protected String leaderOf(String prefix, String domain) {
      return KafkaFailoverTest.leaderOf(prefix, domain);
    }

    @Override
    protected FailoverChecker.Log log(String prefix) {
      return new KafkaFailoverLog(KAFKA.clientProperties(), prefix, KAFKA.logDirectories());
    }
  };

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
    harness.checkSeededSchedules(
        Integer.getInteger("switchboard.failover.schedules", DEFAULT_SCHEDULES),
        Integer.getInteger("switchboard.failover.seconds", 15));
  }

  @Test
  void aFaultSchedule_sixDomainsOnThreeNodes_keepsEveryRule() throws Exception {
    FailoverChecker.Summary summary = harness.run(1000, 6,
        Integer.getInteger("switchboard.failover.seconds", 15));
    assertThat(summary.violations()).isEmpty();
    assertThat(summary.acked()).isGreaterThan(60);
  }

  @Test
  void failoverTime_overKillsOfTheLeader() throws Exception {
    int kills = Integer.getInteger("switchboard.failover.kills", 0);
    assumeTrue(kills > 0, "failover timing runs with -Dswitchboard.failover.kills=N");
    // the restarted node joins and follows before the next kill
    harness.measureFailoverTime(kills, 2 * SESSION_MILLIS);
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
