package dev.switchboard.journal.kafka;

import java.util.Map;
import java.util.Objects;

/**
 * Makes the Kafka journal, an implementation of the core's {@link dev.switchboard.journal.Journal}
 * SPI. Give what {@link KafkaJournalBuilder#build()} returns to {@code
 * SwitchboardBuilder.journal(...)}.
 *
 * <pre>{@code
 * Journal journal = KafkaJournals.builder(Map.of("bootstrap.servers", "kafka-1:9092"))
 *     .domain("tenant-a")
 *     .durability(Durability.SYNC)
 *     .build();
 * }</pre>
 *
 * @since 0.3
 */
public final class KafkaJournals {

  private KafkaJournals() {}

  /**
   * Starts configuring a journal on a Kafka cluster (brokers from version 2.1 on) reached
   * with these client properties: {@code bootstrap.servers}, required, and whatever else the
   * host's cluster needs (security, timeouts), shared by the journal's producer, consumer and
   * admin client. The properties the journal's guarantees rest on ({@code acks}, idempotence,
   * {@code transactional.id}, {@code isolation.level}, serializers, consumer groups) are its own:
   * naming one is refused here.
   *
   * @throws IllegalArgumentException when {@code bootstrap.servers} is missing or a property the
   *     journal sets itself is given
   */
  public static KafkaJournalBuilder builder(Map<String, ?> clientProperties) {
    Objects.requireNonNull(clientProperties, "clientProperties");
    return new KafkaJournalBuilder(KafkaJournalBuilder.checkClientProperties(clientProperties));
  }
}
