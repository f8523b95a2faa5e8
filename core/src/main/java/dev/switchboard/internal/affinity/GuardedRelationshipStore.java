package dev.switchboard.internal.affinity;

import dev.switchboard.Outcome;
import dev.switchboard.affinity.RelationshipStore;
import dev.switchboard.affinity.Relationships;
import java.time.Instant;
import java.util.Optional;

/**
 * Wraps a store so that nothing it does can break the engine loop: an exception (or a malformed
 * answer) is counted, reported and turned into "no relationship"; a failed write is dropped.
 * Errors other than exceptions (out of memory) still propagate: the loop cannot carry on past
 * them anyway.
 */
public final class GuardedRelationshipStore {

  /** Told about each failure, on the loop thread. */
  public interface FailureReport {
    /** The store threw (or answered wrongly) in {@code operation} for the customer. */
    void failed(String operation, String customerId, Exception error);
  }

  private final RelationshipStore store;
  private final FailureReport report;
  private long failures;

  /** Guards the store, reporting failures to {@code report}. */
  public GuardedRelationshipStore(RelationshipStore store, FailureReport report) {
    this.store = store;
    this.report = report;
  }

  /** Calls that failed so far. */
  public long failures() {
    return failures;
  }

  /** Sets the failure count of a fresh guard, restoring a journal snapshot. */
  public void restoreFailures(long count) {
    failures = count;
  }

  /** The customer's relationships, or none when the store fails. */
  public Relationships find(String customerId, Instant now) {
    try {
      Relationships r = store.find(customerId, now);
      if (r == null || !r.customerId().equals(customerId)) {
        throw new IllegalStateException("find(" + customerId + ") returned " + r);
      }
      return r;
    } catch (RuntimeException e) {
      fail("find", customerId, e);
      return Relationships.none(customerId);
    }
  }

  /** Records a contact; dropped when the store fails. */
  public void recordContact(String customerId, String agentId, Outcome outcome, Instant at) {
    try {
      store.recordContact(customerId, agentId, outcome, at);
    } catch (RuntimeException e) {
      fail("recordContact", customerId, e);
    }
  }

  /** Sets or clears the owner; returns false when the store failed. */
  public boolean setOwner(String customerId, Optional<String> agentId, Instant at) {
    try {
      store.setOwner(customerId, agentId, at);
      return true;
    } catch (RuntimeException e) {
      fail("setOwner", customerId, e);
      return false;
    }
  }

  /** Merges two customers; returns false when the store failed. */
  public boolean merge(String fromCustomerId, String intoCustomerId, Instant at) {
    try {
      store.merge(fromCustomerId, intoCustomerId, at);
      return true;
    } catch (RuntimeException e) {
      fail("merge", fromCustomerId, e);
      return false;
    }
  }

  private void fail(String operation, String customerId, RuntimeException e) {
    failures++;
    report.failed(operation, customerId, e);
  }
}
