package dev.switchboard.journal.kafka;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalBuilder;
import dev.switchboard.journal.kafka.internal.KafkaJournal;
import dev.switchboard.journal.kafka.internal.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Configures the Kafka journal; each option may be set once (a value refused does not count).
 * Made by {@link KafkaJournals#builder}. With {@link Durability#SYNC} a call completes after
 * the transaction holding its entry committed, which with {@code acks=all} means every in-sync
 * replica has it.
 *
 * <p>Each routing domain has its own topics, named from the prefix and the domain (see {@code
 * docs/scaling-out.md}), so any number of engines share one Kafka cluster. One journal instance
 * serves one engine start; build a new one for each. A journal that recovers a domain takes it
 * over: its producer's {@code initTransactions()} fences the writer that held it before, whose
 * every later append then fails with {@code JournalFencedException}.
 *
 * @since 0.3
 */
public final class KafkaJournalBuilder extends JournalBuilder<KafkaJournalBuilder> {

  /** Client properties the journal sets itself: its guarantees rest on them. */
  private static final List<String> OWN_PROPERTIES = List.of("acks", "enable.idempotence",
      "transactional.id", "isolation.level", "key.serializer", "value.serializer",
      "key.deserializer", "value.deserializer", "group.id", "enable.auto.commit",
      "max.in.flight.requests.per.connection");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9-]{1,40}");

  private final Map<String, Object> clientProperties;
  private String domain = "default";
  private String topicPrefix = "switchboard";
  private int replicationFactor = 3;
  private int minInSyncReplicas = 2;

  KafkaJournalBuilder(Map<String, Object> clientProperties) {
    this.clientProperties = clientProperties;
  }

  /**
   * The routing domain whose entries this journal keeps; {@code "default"} by default. 1 to 200
   * characters, none of them a control character.
   */
  public KafkaJournalBuilder domain(String domain) {
    checkName("domain", domain);
    once("domain");
    this.domain = domain;
    return this;
  }

  /**
   * The first part of the domain's topic names and of its producer's {@code transactional.id};
   * {@code "switchboard"} by default. 1 to 40 letters, digits or hyphens.
   */
  public KafkaJournalBuilder topicPrefix(String prefix) {
    Objects.requireNonNull(prefix, "topicPrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("topicPrefix is \"" + prefix.replaceAll("\\p{Cntrl}",
          "?") + "\"; allowed: 1 to 40 letters (A-Z, a-z), digits or hyphens");
    }
    once("topicPrefix");
    this.topicPrefix = prefix;
    return this;
  }

  /**
   * How many copies of the domain's partitions Kafka keeps; 3 by default, at least 2. Topics the
   * journal creates get it; topics that exist must have at least as many replicas, and so must
   * the broker's transaction state log ({@code transaction.state.log.replication.factor}).
   */
  public KafkaJournalBuilder replicationFactor(int replicas) {
    this.replicationFactor = replicas("replicationFactor", replicas);
    return this;
  }

  /**
   * How many replicas must have an entry before its commit succeeds ({@code min.insync.replicas},
   * with the journal's {@code acks=all}); 2 by default, at least 2. Topics the journal creates
   * get it; topics that exist must ask at least as many, and so must the broker's transaction
   * state log ({@code transaction.state.log.min.isr}).
   */
  public KafkaJournalBuilder minInSyncReplicas(int replicas) {
    this.minInSyncReplicas = replicas("minInSyncReplicas", replicas);
    return this;
  }

  /** Checks a replica count of at least 2, set once and not with unsafeSingleBroker(). */
  private int replicas(String option, int replicas) {
    if (replicas < 2) {
      throw new IllegalArgumentException(option + " is " + replicas + "; allowed: 2 or more"
          + " (unsafeSingleBroker() for a test on one broker)");
    }
    if (isSet("unsafeSingleBroker")) {
      throw new IllegalStateException(option + " conflicts with unsafeSingleBroker(), which was"
          + " already set");
    }
    once(option);
    return replicas;
  }

  /**
   * <strong>Unsafe:</strong> accepts a cluster of one broker, where a replication factor and
   * {@code min.insync.replicas} of 1 will do, for tests and demonstrations only. A journal on one
   * copy loses what it confirmed when that broker's disk is lost. Conflicts with {@link
   * #replicationFactor} and {@link #minInSyncReplicas}. The other checks (no unclean leader
   * election, entries never expire) still hold.
   */
  public KafkaJournalBuilder unsafeSingleBroker() {
    for (String other : List.of("replicationFactor", "minInSyncReplicas")) {
      if (isSet(other)) {
        throw new IllegalStateException("unsafeSingleBroker() conflicts with " + other
            + ", which was already set");
      }
    }
    once("unsafeSingleBroker");
    this.replicationFactor = 1;
    this.minInSyncReplicas = 1;
    return this;
  }

  /**
   * The journal; it connects when an engine starts on it (its {@code recover} creates or checks
   * the topics and takes the domain over).
   */
  @Override
  public Journal build() {
    return new KafkaJournal(settings());
  }

  Settings settings() {
    return new Settings(clientProperties, topicPrefix, domain, durabilityOption(),
        groupCommitDelayNanos(), snapshotIntervalOption(), replicationFactor, minInSyncReplicas);
  }

  /** A sorted copy of the host's client properties, once checked. */
  static Map<String, Object> checkClientProperties(Map<String, ?> properties) {
    Map<String, Object> copy = new TreeMap<>();
    for (Map.Entry<String, ?> e : properties.entrySet()) {
      Objects.requireNonNull(e.getKey(), "a client property's name");
      Objects.requireNonNull(e.getValue(), "client property " + e.getKey());
      if (OWN_PROPERTIES.contains(e.getKey())) {
        throw new IllegalArgumentException("client property " + e.getKey() + " is set; the"
            + " journal sets it itself (its guarantees rest on it): remove it");
      }
      copy.put(e.getKey(), e.getValue());
    }
    Object servers = copy.get("bootstrap.servers");
    if (servers == null || servers.toString().isBlank()) {
      throw new IllegalArgumentException("client property bootstrap.servers is missing; allowed:"
          + " the Kafka brokers to connect to, as host:port[,host:port...]");
    }
    return copy;
  }

  /** Checks a duration option against its range, named in words as {@code allowed}. */
  static void checkDuration(String option, Duration value, Duration min, Duration max,
      String allowed) {
    Objects.requireNonNull(value, option);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(option + " is " + value + "; allowed: " + allowed);
    }
  }
}
