package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.JournalEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * What a journal needs when it is a cluster's hot standby: to follow its domain until it takes
 * it over, to prepare its writer's session, and to wake the other nodes' standbys on commit.
 */
interface Standby {

  /**
   * Hands the engine each entry from the sequence on as the leader
   * commits it, until a takeover wins; returns the epoch to write with. Throws {@code
   * JournalException} when stopped or when it cannot go on following.
   */
  long follow(String domain, long next, Consumer<JournalEntry> entries);

  /** Prepares the writer's connection once the domain is taken over (auto-commit off). */
  void prepareWriter(Connection c, long epoch) throws SQLException;

  /** Wakes the domain's standbys once the caller's transaction commits. */
  void notifyFollowers(Connection c, String domain) throws SQLException;
}
