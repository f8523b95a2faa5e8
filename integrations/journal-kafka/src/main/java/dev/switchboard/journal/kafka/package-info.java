/**
 * The Kafka journal: {@link dev.switchboard.journal.kafka.KafkaJournals} makes one on the host's
 * Kafka client properties, for one routing domain (one engine) among any number sharing the
 * cluster. Each domain has a one-partition journal topic and a compacted snapshot topic; the
 * journal creates them (or checks those that exist) and refuses to start on unsafe settings.
 * {@link dev.switchboard.journal.kafka.KafkaCluster} runs the domains on several nodes, leadership
 * decided by a consumer group. See {@code docs/scaling-out.md}.
 *
 * @since 0.3
 */
package dev.switchboard.journal.kafka;
