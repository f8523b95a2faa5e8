package dev.switchboard.journal.postgres.internal;

import dev.switchboard.journal.Durability;
import java.util.Objects;

/**
 * What the builder configured for one PostgreSQL journal.
 *
 * @param domain the routing domain whose rows the journal keeps
 * @param durability when stages complete
 * @param groupCommitDelayNanos how long the writer waits for more entries before a commit
 * @param snapshotInterval entries between snapshots, 0 for none
 * @param snapshotsKept how many of the newest snapshots stay, at least 2
 */
public record Settings(String domain, Durability durability, long groupCommitDelayNanos,
    int snapshotInterval, int snapshotsKept) {

  /** Checks the fields. */
  public Settings {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(durability, "durability");
    if (snapshotsKept < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + snapshotsKept
          + "; allowed: 2 or more");
    }
  }
}
