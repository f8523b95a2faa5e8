package dev.switchboard.journal.kafka.internal;

import dev.switchboard.journal.JournalException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Prepares a domain's topics before the journal writes: creates those missing with safe
 * settings, and checks the settings of those that exist and of the broker's transaction state
 * log. Anything that would let Kafka lose or drop a committed entry (too few replicas, a low
 * {@code min.insync.replicas}, unclean leader election, entries that expire, a partition count
 * other than one) is refused with a {@link JournalException} naming the topic, the setting, its
 * value and what is required.
 */
final class Topics {

  /** What a journal record adds to its payload, at most: key, header, batch overhead. */
  static final int RECORD_OVERHEAD = 1024;
  private static final long TIMEOUT_SECONDS = 60;

  private Topics() {}

  /** Creates or checks both topics of the domain and the transaction state log's settings. */
  static void prepare(Admin admin, Settings settings, int maxEntryBytes) {
    String journal = settings.journalTopic();
    String snapshot = settings.snapshotTopic();
    int entryMessage = maxEntryBytes + RECORD_OVERHEAD;
    int chunkMessage = SnapshotRecords.CHUNK + RECORD_OVERHEAD;
    ensure(admin, settings, journal, Map.of("cleanup.policy", "delete", "retention.ms", "-1",
        "retention.bytes", "-1", "max.message.bytes", Integer.toString(entryMessage)));
    ensure(admin, settings, snapshot, Map.of("cleanup.policy", "compact",
        "max.message.bytes", Integer.toString(chunkMessage)));
    Map<ConfigResource, Config> configs = get(admin.describeConfigs(List.of(
        new ConfigResource(ConfigResource.Type.TOPIC, journal),
        new ConfigResource(ConfigResource.Type.TOPIC, snapshot))).all(), "read the settings of"
        + " topics " + journal + " and " + snapshot);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
      String topic = e.getKey().name();
      Config c = e.getValue();
      atLeast(problems, topic, c, "min.insync.replicas", settings.minInSyncReplicas());
      equal(problems, topic, c, "unclean.leader.election.enable", "false");
      if (topic.equals(journal)) {
        equal(problems, topic, c, "cleanup.policy", "delete");
        equal(problems, topic, c, "retention.ms", "-1");
        equal(problems, topic, c, "retention.bytes", "-1");
        atLeast(problems, topic, c, "max.message.bytes", entryMessage);
      } else {
        equal(problems, topic, c, "cleanup.policy", "compact");
        atLeast(problems, topic, c, "max.message.bytes", chunkMessage);
      }
    }
    checkTransactionLog(admin, settings, problems);
    if (!problems.isEmpty()) {
      throw new JournalException("the Kafka journal of domain \"" + settings.domain() + "\" will"
          + " not start on unsafe settings: " + String.join("; ", problems));
    }
  }

  /** Creates the topic if missing; checks its partitions and replicas either way. */
  private static void ensure(Admin admin, Settings settings, String topic,
      Map<String, String> configs) {
    TopicDescription described = describe(admin, topic);
    if (described == null) {
      Map<String, String> all = new HashMap<>(configs);
      all.put("min.insync.replicas", Integer.toString(settings.minInSyncReplicas()));
      all.put("unclean.leader.election.enable", "false");
      NewTopic created = new NewTopic(topic, 1, (short) settings.replicationFactor())
          .configs(all);
      try {
        get(admin.createTopics(List.of(created)).all(), "create topic " + topic
            + " with replication factor " + settings.replicationFactor()
            + " and min.insync.replicas " + settings.minInSyncReplicas());
      } catch (JournalException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while ((described = describe(admin, topic)) == null) {
        if (System.nanoTime() > deadline) {
          throw new JournalException("topic " + topic + " was created but no broker knew it"
              + " within " + TIMEOUT_SECONDS + " s");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // metadata reaches the brokers
      }
    }
    int partitions = described.partitions().size();
    if (partitions != 1) {
      throw new JournalException("topic " + topic + " has " + partitions + " partitions; the"
          + " journal keeps a domain in exactly one (delete the topic or use another"
          + " topicPrefix)");
    }
    int replicas = described.partitions().get(0).replicas().size();
    if (replicas < settings.replicationFactor()) {
      throw new JournalException("the Kafka journal of domain \"" + settings.domain()
          + "\" will not start on unsafe settings: topic " + topic + " has replication factor "
          + replicas + "; required: at least " + settings.replicationFactor()
          + " (replicationFactor)");
    }
  }

  /** The topic's description, or null when it does not exist. */
  private static TopicDescription describe(Admin admin, String topic) {
    try {
      return get(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic
          + " (is bootstrap.servers right?)").get(topic);
    } catch (JournalException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }

  /** The transaction state log must be as safe as the topics: commits depend on it. */
  private static void checkTransactionLog(Admin admin, Settings settings, List<String> problems) {
    Collection<Node> nodes = get(admin.describeCluster().nodes(), "list the brokers");
    if (nodes.isEmpty()) {
      throw new JournalException("the Kafka cluster lists no broker");
    }
    String id = Integer.toString(nodes.iterator().next().id());
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, id);
    Config c = get(admin.describeConfigs(Set.of(broker)).all(), "read the settings of broker "
        + id).get(broker);
    String where = "broker " + id;
    atLeast(problems, where, c, "transaction.state.log.replication.factor",
        settings.replicationFactor());
    atLeast(problems, where, c, "transaction.state.log.min.isr", settings.minInSyncReplicas());
  }

  private static void atLeast(List<String> problems, String where, Config c, String name,
      long required) {
    ConfigEntry e = c.get(name);
    String value = e == null ? null : e.value();
    long got;
    try {
      got = value == null ? Long.MIN_VALUE : Long.parseLong(value.trim());
    } catch (NumberFormatException ex) {
      got = Long.MIN_VALUE;
    }
    if (got < required) {
      problems.add(where + " has " + name + " " + (value == null ? "unset" : value)
          + "; required: at least " + required);
    }
  }

  private static void equal(List<String> problems, String where, Config c, String name,
      String required) {
    ConfigEntry e = c.get(name);
    String value = e == null ? null : e.value();
    if (value == null || !value.trim().equalsIgnoreCase(required)) {
      problems.add(where + " has " + name + " " + (value == null ? "unset" : value)
          + "; required: " + required);
    }
  }

  private static <T> T get(KafkaFuture<T> future, String what) {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new JournalException("cannot " + what + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new JournalException("cannot " + what + ": Kafka did not answer within "
          + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException("interrupted while trying to " + what, e);
    }
  }
}
