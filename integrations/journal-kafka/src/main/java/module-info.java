/**
 * The Kafka journal for Switchboard: {@code KafkaJournals.builder(clientProperties)} makes a
 * journal that keeps an engine's entries in one Kafka partition per routing domain, written by a
 * transactional producer that fences older writers, with its snapshots in a compacted topic. It
 * implements the core's journal SPI and uses nothing else of the core; its one other dependency
 * is the official {@code kafka-clients}.
 */
// "requires-automatic": kafka-clients ships no module name; its jar's name gives kafka.clients
@SuppressWarnings("requires-automatic")
module dev.switchboard.journal.kafka {
  requires transitive dev.switchboard;
  requires kafka.clients;
  requires org.slf4j;

  exports dev.switchboard.journal.kafka;
}
