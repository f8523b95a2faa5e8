package dev.switchboard.journal.kafka;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.kafka.internal.KafkaJournal;
import dev.switchboard.journal.tck.Fencing;
import dev.switchboard.journal.tck.JournalTck;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kafka journal passes the journal TCK on a real in-process broker, one domain (and so one
 * pair of topics) per test. A crash halts the journal as a process death would: its producer is
 * closed at once, with a transaction open that the next writer's {@code initTransactions()}
 * aborts. A journal that recovers a domain fences the one before it by the producer epoch
 * ({@link Fencing#EPOCH}). The store fails when the broker refuses every record: the journal
 * topic's {@code max.message.bytes} is lowered to one byte, then put back. Kafka's log cannot be
 * damaged from outside the broker, so rules 10 to 13 are skipped.
 */
class KafkaJournalTckTest extends JournalTck<String> {

  private static final AtomicInteger DOMAINS = new AtomicInteger();
  private String maxMessageBytes;
  @RegisterExtension
  static final TestKafka KAFKA = new TestKafka();

  @Override
  protected String createStore() {
    return "tck " + DOMAINS.incrementAndGet();
  }

  @Override
  protected Journal openJournal(String domain) {
    return KafkaJournals.builder(KAFKA.clientProperties()).domain(domain).durability(durability())
        .unsafeSingleBroker().build();
  }

  @Override
  protected boolean simulatesCrash() {
    return true;
  }

  @Override
  protected void crash(String domain, Journal journal) {
    ((KafkaJournal) journal).halt();
  }

  @Override
  protected boolean failsOnDemand() {
    return true;
  }

  /** The broker refuses every record: the journal topic's largest message becomes 1 byte. */
  @Override
  protected void failStore(String domain, Journal journal) throws Exception {
    ConfigResource topic = journalTopic(domain);
    try (Admin admin = KAFKA.admin()) {
      maxMessageBytes = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS)
          .get(topic).get("max.message.bytes").value();
      set(admin, topic, "1");
    }
  }

  @Override
  protected void repairStore(String domain) throws Exception {
    try (Admin admin = KAFKA.admin()) {
      set(admin, journalTopic(domain), maxMessageBytes);
    }
  }

  private static ConfigResource journalTopic(String domain) {
    return new ConfigResource(ConfigResource.Type.TOPIC, KafkaJournals
        .builder(KAFKA.clientProperties()).domain(domain).settings().journalTopic());
  }

  private static void set(Admin admin, ConfigResource topic, String maxMessageBytes)
      throws Exception {
    admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(
        "max.message.bytes", maxMessageBytes), AlterConfigOp.OpType.SET)))).all()
        .get(30, TimeUnit.SECONDS);
  }

  @Override
  protected Fencing fencing() {
    return Fencing.EPOCH;
  }
}
