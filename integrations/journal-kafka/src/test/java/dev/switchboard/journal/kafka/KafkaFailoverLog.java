package dev.switchboard.journal.kafka;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.tck.failover.FailoverChecker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The failover checker's view of a Kafka cluster's domains, once every node was killed:
 *
 * <ul>
 *   <li>the entries are what a {@code read_committed} consumer reads from the domain's journal
 *       partition, in offset order, each with the <b>producer epoch</b> of the record batch that
 *       holds it, read from the broker's own segment files: the fence, which must never go back
 *       along the log (a deposed writer's transaction committed after its successor's would);
 *   <li>the leadership history is what the nodes recorded on gaining a domain (the consumer
 *       group's generation, which Kafka keeps no history of): each generation must have been
 *       gained by one node only;
 *   <li>the log is replayed from scratch from those records, and from the newest snapshot by a
 *       real {@link KafkaJournals} journal (which fences the last writer and recovers as a new
 *       leader would).
 * </ul>
 */
final class KafkaFailoverLog implements FailoverChecker.Log {

  private final Map<String, Object> client;
  private final String prefix;
  private final List<Path> logDirectories;
  private final Map<String, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();

  KafkaFailoverLog(Map<String, Object> client, String prefix, List<Path> logDirectories) {
    this.client = client;
    this.prefix = prefix;
    this.logDirectories = logDirectories;
  }

  private String topic(String domain) {
    return prefix + ".journal." + domain; // the failover domains need no escaping
  }

  /** The partition's committed records, read once. */
  private List<ConsumerRecord<byte[], byte[]>> records(String domain) {
    return read.computeIfAbsent(domain, d -> {
      Map<String, Object> p = new HashMap<>(client);
      p.put("isolation.level", "read_committed");
      p.put("enable.auto.commit", false);
      TopicPartition tp = new TopicPartition(topic(d), 0);
      List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
          new ByteArrayDeserializer())) {
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        long end = c.endOffsets(List.of(tp)).get(tp);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (c.position(tp) < end) {
          for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
            if (r.offset() < end) {
              all.add(r);
            }
          }
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("could not read " + tp + " to offset " + end);
          }
        }
      }
      return all;
    });
  }

  @Override
  public List<FailoverChecker.Entry> entries(String domain) throws IOException {
    Map<Long, Short> epochs = producerEpochs(domain);
    List<FailoverChecker.Entry> entries = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records(domain)) {
      Short epoch = epochs.get(r.offset());
      if (epoch == null) {
        throw new IllegalStateException("offset " + r.offset() + " of " + topic(domain)
            + " is in no segment file of " + logDirectories);
      }
      entries.add(new FailoverChecker.Entry(ByteBuffer.wrap(r.key()).getLong(), epoch));
    }
    return entries;
  }

  /** The producer epoch of every data record's batch, by offset, from the segment files. */
  private Map<Long, Short> producerEpochs(String domain) throws IOException {
    Map<Long, Short> epochs = new HashMap<>();
    for (Path dir : logDirectories) {
      Path partition = dir.resolve(topic(domain) + "-0");
      if (!Files.isDirectory(partition)) {
        continue;
      }
      List<Path> segments;
      try (Stream<Path> files = Files.list(partition)) {
        segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
            .toList();
      }
      for (Path segment : segments) {
        try (FileRecords records = FileRecords.open(segment.toFile())) {
          for (FileChannelRecordBatch batch : records.batches()) {
            if (!batch.isControlBatch()) {
              for (long o = batch.baseOffset(); o <= batch.lastOffset(); o++) {
                epochs.put(o, batch.producerEpoch());
              }
            }
          }
        }
      }
    }
    return epochs;
  }

  /** What the nodes recorded: the first node to gain each generation (a second is named). */
  @Override
  public Map<Long, String> leaders(String domain, List<Map.Entry<Long, String>> gained) {
    Map<Long, String> history = new HashMap<>();
    for (Map.Entry<Long, String> g : gained) {
      history.putIfAbsent(g.getKey(), g.getValue());
    }
    return history;
  }

  @Override
  public boolean entryEpochsAreLeaderEpochs() {
    return false;
  }

  @Override
  public Journal reader(String domain, boolean fromSnapshot) {
    if (fromSnapshot) {
      return KafkaJournals.builder(client).domain(domain).topicPrefix(prefix)
          .unsafeSingleBroker().snapshotInterval(0).build();
    }
    List<JournalEntry> entries = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records(domain)) {
      entries.add(new JournalEntry(ByteBuffer.wrap(r.key()).getLong(),
          r.value() == null ? new byte[0] : r.value()));
    }
    return FailoverChecker.readOnly(null, entries);
  }
}
