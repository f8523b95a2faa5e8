/**
 * The Kafka journal for Switchboard: {@code KafkaJournals.builder(clientProperties)} makes a
 * journal that keeps an engine's entries in one Kafka partition per routing domain, written by a
 * transactional producer that fences older writers, with its snapshots in a compacted topic;
 * {@code KafkaCluster.builder(clientProperties)} makes a node of a cluster whose domains are led
 * by whichever node a Kafka consumer group assigns them to. It implements the core's journal SPI
 * and cluster view and uses nothing else of the core; its one other dependency is the official
 * {@code kafka-clients}.
 */
// "requires-automatic": kafka-clients ships no module name; its jar's name gives kafka.clients
@SuppressWarnings("requires-automatic")
module dev.switchboard.journal.kafka {
  requires transitive dev.switchboard;
  requires kafka.clients;
  requires org.slf4j;

  exports dev.switchboard.journal.kafka;
}
