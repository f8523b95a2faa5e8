package dev.switchboard.journal.kafka.internal;

import dev.switchboard.journal.Durability;
import java.util.Map;
import java.util.Objects;

/**
 * What the builder configured for one Kafka journal.
 *
 * @param clientProperties the host's client properties (bootstrap servers, security), checked
 * @param topicPrefix the first part of the domain's topic names and transactional id
 * @param domain the routing domain whose entries the journal keeps
 * @param durability when stages complete
 * @param groupCommitDelayNanos how long the writer waits for more entries before a commit
 * @param snapshotInterval entries between snapshots, 0 for none
 * @param replicationFactor the replicas required of the domain's topics and the transaction log
 * @param minInSyncReplicas the {@code min.insync.replicas} required of them
 */
public record Settings(Map<String, Object> clientProperties, String topicPrefix, String domain,
    Durability durability, long groupCommitDelayNanos, int snapshotInterval,
    int replicationFactor, int minInSyncReplicas) {

  /** Checks the fields and copies the properties. */
  public Settings {
    clientProperties = Map.copyOf(clientProperties);
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(durability, "durability");
    if (replicationFactor < 1 || minInSyncReplicas < 1 || minInSyncReplicas > replicationFactor) {
      throw new IllegalArgumentException("replicationFactor " + replicationFactor
          + " and minInSyncReplicas " + minInSyncReplicas + "; allowed: 1 <= minInSyncReplicas"
          + " <= replicationFactor");
    }
  }

  /** The topic that holds the domain's entries, one partition. */
  public String journalTopic() {
    return TopicNames.journal(topicPrefix, domain);
  }

  /** The compacted topic that holds the domain's snapshots, one partition. */
  public String snapshotTopic() {
    return TopicNames.snapshot(topicPrefix, domain);
  }

  /** The producer's transactional id: the journal topic's name, one per domain. */
  public String transactionalId() {
    return journalTopic();
  }
}
