/**
 * JMH benchmarks of the engine: single routing decisions on the manual engine (and how they grow
 * with the centre, against the reference matcher), end-to-end throughput of the threaded engine,
 * commands per second and restart time with a journal (file, or PostgreSQL on an embedded
 * server), the deadline queue under timer churn and the simulator's speed. Run them from {@code
 * benchmarks/target/benchmarks.jar} with {@code benchmarks/run.sh}; {@link
 * dev.switchboard.benchmarks.QueuedItemHeap} is a plain {@code main()} measuring retained heap.
 */
package dev.switchboard.benchmarks;
