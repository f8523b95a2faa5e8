/**
 * JMH benchmarks of the engine: single routing decisions on the manual engine, end-to-end
 * throughput of the threaded engine, and the deadline queue under timer churn. Run them from
 * {@code benchmarks/target/benchmarks.jar} with {@code benchmarks/run.sh}.
 */
package dev.switchboard.benchmarks;
