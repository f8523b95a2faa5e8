package dev.switchboard.journal.kafka.internal;

import dev.switchboard.journal.GroupCommitJournal;
import dev.switchboard.journal.JournalEntry;
import dev.switchboard.journal.JournalException;
import dev.switchboard.journal.JournalFencedException;
import dev.switchboard.journal.JournalSnapshot;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka journal. The engine loop queues entries; one writer thread takes whatever has
 * gathered and sends it in one Kafka transaction (group commit) to the domain's journal
 * partition, then completes the stage those entries share once the commit returned. The
 * producer's {@code transactional.id} is the journal topic's name, so the {@code
 * initTransactions()} of a journal that recovers the domain bumps the producer epoch: it aborts
 * the previous writer's open transaction, waits for one being committed, and makes every later
 * send or commit of that writer fail with {@link ProducerFencedException}, which this journal
 * reports as {@link JournalFencedException}. Recovery reads with {@code read_committed} after
 * that takeover, so it sees exactly what the previous writers committed. A snapshot goes in the
 * same transaction as the entries before it, with the journal offset of the entry it covers.
 */
public final class KafkaJournal extends GroupCommitJournal {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaJournal.class);
  /** The largest payload an entry stores: one record, under Kafka's default 1 MiB message. */
  static final int MAX_PAYLOAD = 1_000_000;
  /** The largest snapshot state stored, in chunks of one transaction. */
  static final int MAX_STATE = 256 << 20;
  private static final Duration POLL = Duration.ofMillis(100);
  /** How long recovery may take to read a topic to its end before it gives up. */
  private static final long READ_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

  private final Settings settings;
  private final String domain;
  private final TopicPartition journalPartition;
  private final TopicPartition snapshotPartition;
  private final SplittableRandom ids = new SplittableRandom();

  // owned by the writer thread once started (the producer is closed by halt from any thread)
  private volatile Producer<byte[], byte[]> producer;
  /** The last entry committed or recovered and its journal offset (-1 when not in the log). */
  private long lastSequence;
  private long lastOffset = -1;
  /** The sequence of the snapshot recovered; entries up to it are skipped. */
  private long covered = -1;
  /** Null for a standalone journal, which takes its domain over on recover. */
  private final Follow follow;
  private volatile java.util.function.Consumer<Throwable> failureListener = e -> {};

  /** A journal for the settings; the public builder is {@code KafkaJournals.builder}. */
  public KafkaJournal(Settings settings) {
    this(settings, null);
  }

  /**
   * A journal that, once it has read its domain on {@link #recover}, follows it as a hot standby
   * until its cluster has it take the domain over (or stops it); standalone when follow is null.
   */
  KafkaJournal(Settings settings, Follow follow) {
    super("switchboard-journal-" + settings.domain(), settings.durability(),
        settings.groupCommitDelayNanos(), MAX_PAYLOAD, MAX_STATE);
    this.settings = settings;
    this.follow = follow;
    this.domain = settings.domain();
    this.journalPartition = new TopicPartition(settings.journalTopic(), 0);
    this.snapshotPartition = new TopicPartition(settings.snapshotTopic(), 0);
  }

  @Override
  protected long open(Recovery recovery) {
    if (follow == null) {
      try (Admin admin = Admin.create(new HashMap<>(settings.clientProperties()))) {
        Topics.prepare(admin, settings, MAX_PAYLOAD);
      } catch (KafkaException e) {
        throw new JournalException("cannot reach Kafka for the journal of domain \"" + domain
            + "\": " + e.getMessage(), e);
      }
    }
    Producer<byte[], byte[]> p = null;
    try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      SnapshotRecords.Located snapshot = readSnapshots(consumer);
      if (snapshot != null) {
        recovery.snapshot(snapshot.snapshot());
        lastSequence = snapshot.snapshot().sequence();
        lastOffset = snapshot.offset();
        covered = lastSequence;
      }
      seek(consumer, journalPartition, snapshot == null || snapshot.offset() < 0 ? -1
          : snapshot.offset() + 1);
      readToEnd(consumer, journalPartition, r -> entry(r, recovery));
      if (follow != null) {
        follow(consumer, recovery);
      }
      // the takeover: the previous writer's open transaction is aborted, one being committed
      // completes, and it is fenced; what it committed is then all below the partition's end
      p = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(),
          new ByteArraySerializer());
      p.initTransactions();
      producer = p;
      readToEnd(consumer, journalPartition, r -> entry(r, recovery));
    } catch (KafkaException e) {
      closeQuietly(p);
      producer = null;
      throw new JournalException("cannot take over the journal of domain \"" + domain
          + "\" (transactional.id " + settings.transactionalId() + "): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(p);
      producer = null;
      throw e;
    }
    if (follow != null) {
      follow.applied(lastSequence);
    }
    LOG.debug("journal of domain \"{}\": recovered up to entry {} from topic {}", domain,
        lastSequence, journalPartition.topic());
    return lastSequence + 1;
  }

  /**
   * As a hot standby: hands the engine each entry the leader commits, as it commits it, until
   * the cluster has this node take the domain over; throws when the standby is stopped.
   */
  private void follow(Consumer<byte[], byte[]> consumer, Recovery recovery) {
    follow.applied(lastSequence);
    while (!follow.takeOverAsked()) {
      if (follow.stopped()) {
        throw new JournalException("the standby of domain \"" + domain + "\" was stopped");
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        entry(r, recovery);
      }
      follow.applied(lastSequence);
    }
  }

  private Map<String, Object> producerProperties() {
    Map<String, Object> p = new HashMap<>(settings.clientProperties());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-journal-"
        + TopicNames.encode(domain));
    p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        SnapshotRecords.CHUNK + MAX_PAYLOAD + 4 * Topics.RECORD_OVERHEAD);
    return p;
  }

  private Map<String, Object> consumerProperties() {
    Map<String, Object> c = new HashMap<>(settings.clientProperties());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "switchboard-recovery-"
        + TopicNames.encode(domain));
    return c;
  }

  /** The newest intact snapshot in the snapshot topic, or null. */
  private SnapshotRecords.Located readSnapshots(Consumer<byte[], byte[]> consumer) {
    SnapshotRecords.Reader reader = new SnapshotRecords.Reader();
    seek(consumer, snapshotPartition, -1);
    readToEnd(consumer, snapshotPartition, r -> reader.add(r.key(), header(r), r.value()));
    if (!reader.damaged().isEmpty()) {
      LOG.warn("journal of domain \"{}\": the snapshots after entries {} are damaged (their"
          + " CRC32C does not match); recovering from an older one", domain, reader.damaged());
    }
    return reader.newest();
  }

  private static byte[] header(ConsumerRecord<byte[], byte[]> r) {
    var h = r.headers().lastHeader(SnapshotRecords.HEADER);
    return h == null ? null : h.value();
  }

  /**
   * Hands over one entry read, checking that the sequences run without gaps from the snapshot
   * (entries it covers are skipped).
   */
  private void entry(ConsumerRecord<byte[], byte[]> r, Recovery recovery) {
    long sequence = sequence(r);
    if (sequence <= covered) {
      return; // before the snapshot's offset was known, or written again: the snapshot has it
    }
    if (sequence != lastSequence + 1) {
      throw new JournalException("the journal of domain \"" + domain + "\" cannot be"
          + " recovered: topic " + journalPartition.topic() + " holds entry " + sequence
          + " at offset " + r.offset() + " where entry " + (lastSequence + 1) + " belongs"
          + " (entries up to " + lastSequence + " are intact; the records are left as they"
          + " are for inspection)");
    }
    recovery.entry(new JournalEntry(sequence, r.value() == null ? new byte[0] : r.value()));
    lastSequence = sequence;
    lastOffset = r.offset();
  }

  private long sequence(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null || r.key().length != 8) {
      throw new JournalException("the journal of domain \"" + domain + "\" cannot be recovered:"
          + " the record at offset " + r.offset() + " of topic " + journalPartition.topic()
          + " has no 8-byte sequence as its key; was it written by something else?");
    }
    return ByteBuffer.wrap(r.key()).getLong();
  }

  /** Reads the partition from the offset (-1: its start) on. */
  private static void seek(Consumer<byte[], byte[]> consumer, TopicPartition partition,
      long from) {
    consumer.assign(List.of(partition));
    if (from < 0) {
      consumer.seekToBeginning(List.of(partition));
    } else {
      consumer.seek(partition, from);
    }
  }

  /**
   * Reads the partition from the consumer's position to at least its last committed record when
   * called. Every record a poll returns is handed over, also those committed after the end was
   * taken: the consumer's position has moved past them, and the next read goes on from there.
   */
  private void readToEnd(Consumer<byte[], byte[]> consumer, TopicPartition partition,
      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
    long end = consumer.endOffsets(List.of(partition)).get(partition);
    long deadline = System.nanoTime() + READ_TIMEOUT_NANOS;
    while (consumer.position(partition) < end) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        each.accept(r);
      }
      if (System.nanoTime() > deadline) {
        throw new JournalException("the journal of domain \"" + domain + "\" could not read"
            + " topic " + partition.topic() + " to its end (offset " + end + ") within "
            + TimeUnit.NANOSECONDS.toSeconds(READ_TIMEOUT_NANOS) + " s; it stopped at "
            + consumer.position(partition));
      }
    }
  }

  /** Hears the failure that makes the journal accept nothing more (on the failing thread). */
  void onFailure(java.util.function.Consumer<Throwable> listener) {
    this.failureListener = listener;
  }

  @Override
  public int snapshotInterval() {
    return settings.snapshotInterval();
  }

  @Override
  protected void write(List<JournalEntry> batch, List<JournalSnapshot> snapshots)
      throws JournalException {
    try {
      commit(batch, snapshots);
    } catch (ExecutionException | InterruptedException | RuntimeException e) {
      throw failureOf(e);
    }
  }

  /** One transaction: the entries, then the snapshots with the offsets of what they cover. */
  private void commit(List<JournalEntry> batch, List<JournalSnapshot> snapshots)
      throws ExecutionException, InterruptedException {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      throw new JournalException("the journal's producer is closed");
    }
    p.beginTransaction();
    List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
    for (JournalEntry e : batch) {
      byte[] key = ByteBuffer.allocate(8).putLong(e.sequence()).array();
      sent.add(p.send(new ProducerRecord<>(journalPartition.topic(), 0, key, e.payload())));
    }
    if (!snapshots.isEmpty()) {
      p.flush();
      for (JournalSnapshot s : snapshots) {
        long offset = offsetOf(s.sequence(), batch, sent);
        for (SnapshotRecords.Chunk c : SnapshotRecords.chunks(ids.nextLong(), s, offset)) {
          p.send(new ProducerRecord<>(snapshotPartition.topic(), 0, null, c.key(), c.value(),
              List.of(new RecordHeader(SnapshotRecords.HEADER, c.header()))));
        }
      }
    }
    p.commitTransaction();
    if (!batch.isEmpty()) {
      lastSequence = batch.get(batch.size() - 1).sequence();
      lastOffset = sent.get(sent.size() - 1).get().offset();
    }
  }

  /** The journal offset of the entry, sent in this batch or committed before; -1 if unknown. */
  private long offsetOf(long sequence, List<JournalEntry> batch, List<Future<RecordMetadata>> sent)
      throws ExecutionException, InterruptedException {
    if (!batch.isEmpty()) {
      long first = batch.get(0).sequence();
      if (sequence >= first && sequence < first + batch.size()) {
        return sent.get((int) (sequence - first)).get().offset();
      }
    }
    return sequence == lastSequence ? lastOffset : -1;
  }

  /**
   * Stops the journal at once, as the death of its process would: what Kafka committed stays,
   * the open transaction is left for the next writer's {@code initTransactions()} to abort, and
   * the stages still pending never complete. For tests that crash a host.
   */
  public void halt() {
    halt(new JournalException("the journal of domain \"" + domain + "\" was halted"));
    closeQuietly(producer);
  }

  /** The writer's failure as the stages report it: fenced when a newer producer took over. */
  @Override
  protected JournalException failureOf(Throwable e) {
    if (e instanceof JournalException translated) {
      return translated; // by write, or halt
    }
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return fencedBy(cause) ? new JournalFencedException("the domain \""
        + domain + "\" was taken over by another writer (a newer producer with transactional.id "
        + settings.transactionalId() + "): this journal accepts nothing more", cause)
        : cause instanceof JournalException j ? j
        : new JournalException("the journal of domain \"" + domain + "\" could not commit: "
            + cause, cause);
  }

  @Override
  protected void failed(JournalException failure) {
    closeQuietly(producer);
    failureListener.accept(failure);
  }

  private static boolean fencedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void release() {
    Producer<byte[], byte[]> p = producer;
    producer = null;
    if (p != null && failure() == null) {
      try {
        p.close(Duration.ofSeconds(30));
      } catch (KafkaException e) {
        LOG.warn("closing the journal's producer failed", e);
      }
    }
  }

  private static void closeQuietly(Producer<byte[], byte[]> p) {
    if (p != null) {
      try {
        p.close(Duration.ZERO);
      } catch (KafkaException e) {
        LOG.debug("closing a failed producer", e);
      }
    }
  }
}
