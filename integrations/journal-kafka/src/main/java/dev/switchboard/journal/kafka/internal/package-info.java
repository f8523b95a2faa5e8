/**
 * The Kafka journal's implementation: the writer thread and its transactions ({@code
 * KafkaJournal}), recovery and following, the cluster node ({@code ClusterNode}), topic naming
 * and the start-up checks of broker and topic settings ({@code Topics}), the snapshot records
 * ({@code SnapshotRecords}). Not for use outside this module.
 */
package dev.switchboard.journal.kafka.internal;
