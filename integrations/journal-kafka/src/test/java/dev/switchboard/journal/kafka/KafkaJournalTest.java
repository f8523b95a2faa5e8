package dev.switchboard.journal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.Agent;
import dev.switchboard.Channel;
import dev.switchboard.ItemState;
import dev.switchboard.ManualClock;
import dev.switchboard.ManualSwitchboard;
import dev.switchboard.Presence;
import dev.switchboard.Switchboard;
import dev.switchboard.WorkItem;
import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalSnapshot;
import dev.switchboard.journal.tck.Recovered;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the Kafka journal does beyond the TCK's rules: one transaction per group, snapshots larger
 * than a record and the offset they cover, the topics it creates and their names, the settings
 * it refuses to start on, an engine that restarts on it, and the builder's checks.
 */
class KafkaJournalTest {

  private static final AtomicInteger DOMAINS = new AtomicInteger();
  @RegisterExtension
  static final TestKafka KAFKA = new TestKafka();

  private static String newDomain() {
    return "test-" + DOMAINS.incrementAndGet();
  }

  private static KafkaJournalBuilder journal(String domain) {
    return KafkaJournals.builder(KAFKA.clientProperties()).domain(domain).unsafeSingleBroker();
  }

  private static byte[] payload(long seq) {
    return ("entry " + seq).getBytes(StandardCharsets.US_ASCII);
  }

  private static CompletableFuture<Void> append(Journal journal, long seq) {
    return journal.append(new JournalEntry(seq, payload(seq))).toCompletableFuture();
  }

  private static void appendAll(Journal journal, long from, long to) throws Exception {
    List<CompletableFuture<Void>> stages = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      stages.add(append(journal, s));
    }
    CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  private static List<Long> sequences(Recovered recovered) {
    return recovered.entries().stream().map(JournalEntry::sequence).toList();
  }

  private static List<Long> range(long from, long to) {
    List<Long> list = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      list.add(s);
    }
    return list;
  }

  @Test
  void entriesAppendedWithoutWaiting_shareTransactions() throws Exception {
    String domain = newDomain();
    try (Journal journal = journal(domain).build()) {
      Recovered.from(journal);
      appendAll(journal, 1, 300);
    }
    // each committed transaction leaves one marker in the partition after its records
    long end;
    try (Admin admin = KAFKA.admin()) {
      TopicPartition tp = new TopicPartition("switchboard.journal." + domain, 0);
      end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp)
          .get(30, TimeUnit.SECONDS).offset();
    }
    long transactions = end - 300;
    assertThat(transactions).as("transactions for 300 entries appended at once").isBetween(1L,
        30L);
    try (Journal journal = journal(domain).build()) {
      assertThat(sequences(Recovered.from(journal))).isEqualTo(range(1, 300));
    }
  }

  @Test
  void aSnapshotLargerThanARecord_comesBackWhole_withTheOffsetOfTheEntryItCovers()
      throws Exception {
    String domain = newDomain();
    byte[] big = new byte[1_300_000];
    new Random(7).nextBytes(big);
    try (Journal journal = journal(domain).build()) {
      Recovered.from(journal);
      appendAll(journal, 1, 3);
      appendAll(journal, 4, 5);
      journal.snapshot(new JournalSnapshot(5, big));
      appendAll(journal, 6, 6);
    }
    Map<Long, Long> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll("switchboard.journal." + domain)) {
      offsets.put(r.offset(), ByteBuffer.wrap(r.key()).getLong());
    }
    List<ConsumerRecord<byte[], byte[]>> chunks = readAll("switchboard.snapshot." + domain);
    assertThat(chunks).as("a 1.3 MB state in chunks of 512 KiB").hasSize(3);
    ByteBuffer header = ByteBuffer.wrap(chunks.get(0).headers()
        .lastHeader("switchboard.snapshot").value());
    long sequence = header.getLong(8);
    long offset = header.getLong(16);
    assertThat(sequence).isEqualTo(5);
    assertThat(offsets.get(offset)).as("the entry at the offset the snapshot records")
        .isEqualTo(5L);

    try (Journal journal = journal(domain).build()) {
      Recovered got = Recovered.from(journal);
      assertThat(got.snapshot()).get().extracting(JournalSnapshot::sequence).isEqualTo(5L);
      assertThat(got.snapshot().get().state()).isEqualTo(big);
      assertThat(sequences(got)).containsExactly(6L);
      journal.snapshot(new JournalSnapshot(6, "small".getBytes(StandardCharsets.US_ASCII)));
    }
    try (Journal journal = journal(domain).build()) {
      Recovered got = Recovered.from(journal);
      assertThat(got.snapshot()).get().extracting(JournalSnapshot::sequence).isEqualTo(6L);
      assertThat(new String(got.snapshot().get().state(), StandardCharsets.US_ASCII))
          .isEqualTo("small");
      assertThat(got.entries()).isEmpty();
    }
  }

  @Test
  void topics_areNamedFromTheDomain_andCreatedSafe() throws Exception {
    String domain = "tenant a/" + DOMAINS.incrementAndGet();
    String written = "tenant_0020a_002f" + DOMAINS.get();
    try (Journal journal = journal(domain).build()) {
      Recovered.from(journal);
      appendAll(journal, 1, 2);
    }
    try (Admin admin = KAFKA.admin()) {
      String journalTopic = "switchboard.journal." + written;
      String snapshotTopic = "switchboard.snapshot." + written;
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .contains(journalTopic, snapshotTopic);
      Config j = config(admin, journalTopic);
      assertThat(j.get("retention.ms").value()).isEqualTo("-1");
      assertThat(j.get("retention.bytes").value()).isEqualTo("-1");
      assertThat(j.get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(j.get("unclean.leader.election.enable").value()).isEqualTo("false");
      assertThat(config(admin, snapshotTopic).get("cleanup.policy").value())
          .isEqualTo("compact");
    }
    String longest = "é".repeat(200);
    try (Journal journal = journal(longest).build()) {
      Recovered.from(journal);
      appendAll(journal, 1, 1);
    }
    try (Journal journal = journal(longest).build()) {
      assertThat(sequences(Recovered.from(journal))).containsExactly(1L);
    }
  }

  @Test
  void onTheDefaultReplicationFactor_oneBrokerIsRefused_namingTheSetting() {
    Journal journal = KafkaJournals.builder(KAFKA.clientProperties()).domain(newDomain())
        .build();
    assertThatThrownBy(() -> Recovered.from(journal)).isInstanceOf(JournalException.class)
        .hasMessageContaining("replication factor 3")
        .hasMessageContaining("min.insync.replicas 2");
  }

  @Test
  void existingTopicsWithUnsafeSettings_areRefused_namingEachSetting() throws Exception {
    String domain = newDomain();
    try (Admin admin = KAFKA.admin()) {
      admin.createTopics(List.of(
          new NewTopic("switchboard.journal." + domain, 1, (short) 1).configs(Map.of(
              "retention.ms", "604800000", "unclean.leader.election.enable", "true")),
          new NewTopic("switchboard.snapshot." + domain, 1, (short) 1).configs(Map.of(
              "cleanup.policy", "delete")))).all().get(30, TimeUnit.SECONDS);
    }
    Journal journal = journal(domain).build();
    assertThatThrownBy(() -> Recovered.from(journal)).isInstanceOf(JournalException.class)
        .hasMessageContaining("will not start on unsafe settings")
        .hasMessageContaining("switchboard.journal." + domain + " has retention.ms 604800000;"
            + " required: -1")
        .hasMessageContaining("unclean.leader.election.enable true; required: false")
        .hasMessageContaining("switchboard.snapshot." + domain + " has cleanup.policy delete;"
            + " required: compact");
  }

  @Test
  void anExistingTopicWithSeveralPartitions_isRefused() throws Exception {
    String domain = newDomain();
    try (Admin admin = KAFKA.admin()) {
      admin.createTopics(List.of(new NewTopic("switchboard.journal." + domain, 3, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
    }
    Journal journal = journal(domain).build();
    assertThatThrownBy(() -> Recovered.from(journal)).isInstanceOf(JournalException.class)
        .hasMessageContaining("has 3 partitions; the journal keeps a domain in exactly one");
  }

  @Test
  void anEngineRestartsOnTheJournal_withItsAgentsAndItems() {
    String domain = newDomain();
    ManualClock clock = new ManualClock(Instant.parse("2026-12-05T09:00:00Z"));
    try (ManualSwitchboard sb = Switchboard.builder().clock(clock).journal(
        journal(domain).build()).buildManual()) {
      ok(sb, sb.addAgent(Agent.builder("a1").capacity(Channel.CHAT, 2).build()));
      ok(sb, sb.setPresence("a1", Presence.AVAILABLE));
      for (int i = 0; i < 5; i++) {
        ok(sb, sb.submit(WorkItem.builder("i" + i, Channel.CHAT).customer("c").build()));
      }
    }
    try (ManualSwitchboard sb = Switchboard.builder().clock(clock).journal(
        journal(domain).build()).buildManual()) {
      var snapshot = ok(sb, sb.snapshot());
      assertThat(snapshot.items()).extracting(v -> v.item().id())
          .containsExactly("i0", "i1", "i2", "i3", "i4");
      assertThat(snapshot.items()).filteredOn(v -> v.state() == ItemState.OFFERED).hasSize(2);
      assertThat(snapshot.agents().get(0).presence()).isEqualTo(Presence.AVAILABLE);
    }
  }

  @Test
  void asyncDurability_completesAtOnce_andCloseCommitsEverything() throws Exception {
    String domain = newDomain();
    Journal journal = journal(domain).durability(Durability.ASYNC).build();
    Recovered.from(journal);
    for (long s = 1; s <= 50; s++) {
      assertThat(append(journal, s)).isCompleted();
    }
    journal.close();
    try (Journal again = journal(domain).build()) {
      assertThat(sequences(Recovered.from(again))).isEqualTo(range(1, 50));
    }
  }

  @Test
  void builder_refusesBadValues_andOptionsSetTwice() {
    Map<String, Object> servers = KAFKA.clientProperties();
    assertThatThrownBy(() -> KafkaJournals.builder(Map.of("linger.ms", "1")))
        .hasMessageContaining("bootstrap.servers is missing");
    Map<String, Object> acks = new HashMap<>(servers);
    acks.put("acks", "1");
    assertThatThrownBy(() -> KafkaJournals.builder(acks))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client property acks is set; the journal sets it itself");
    KafkaJournalBuilder b = KafkaJournals.builder(servers);
    assertThatThrownBy(() -> b.domain("")).hasMessageContaining("domain is \"\"");
    assertThatThrownBy(() -> b.topicPrefix("a.b")).hasMessageContaining("topicPrefix is \"a.b\"");
    assertThatThrownBy(() -> b.replicationFactor(1)).hasMessageContaining("replicationFactor is 1");
    assertThatThrownBy(() -> b.groupCommitDelay(Duration.ofSeconds(2)))
        .hasMessageContaining("groupCommitDelay is PT2S");
    b.replicationFactor(5);
    assertThatThrownBy(() -> b.replicationFactor(4)).hasMessage("replicationFactor was already"
        + " set");
    assertThatThrownBy(b::unsafeSingleBroker).hasMessage("unsafeSingleBroker() conflicts with"
        + " replicationFactor, which was already set");
    KafkaJournalBuilder unsafe = KafkaJournals.builder(servers).unsafeSingleBroker();
    assertThatThrownBy(() -> unsafe.minInSyncReplicas(2)).hasMessage("minInSyncReplicas"
        + " conflicts with unsafeSingleBroker(), which was already set");
  }

  private static Config config(Admin admin, String topic) throws Exception {
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    return admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
  }

  /** Every committed record of the topic's partition, in order. */
  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Map<String, Object> props = new HashMap<>(KAFKA.clientProperties());
    props.put("isolation.level", "read_committed");
    TopicPartition tp = new TopicPartition(topic, 0);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        c.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  private static <T> T ok(ManualSwitchboard sb, CompletionStage<T> stage) {
    sb.drain();
    return stage.toCompletableFuture().join();
  }
}
