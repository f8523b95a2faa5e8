package dev.switchboard.journal.postgres;

import dev.switchboard.journal.Journal;
import dev.switchboard.journal.JournalBuilder;
import dev.switchboard.journal.postgres.internal.PostgresJournal;
import dev.switchboard.journal.postgres.internal.Settings;
import javax.sql.DataSource;

/**
 * Configures the PostgreSQL journal; each option may be set once (a value refused does not count).
 * Made by {@link PostgresJournals#builder}. With {@link
 * dev.switchboard.journal.Durability#SYNC} a call completes after the transaction holding its
 * entry committed; what a commit survives is the server's business ({@code synchronous_commit},
 * replication).
 *
 * <p>Rows carry their routing domain, so any number of engines (tenants, regions) share one
 * database, each with its own domain and its own journal. One journal instance serves one engine
 * start; build a new one for each. A journal that recovers a domain takes it over: the writer
 * that held it before (another node, or a process thought dead) has every later append refused.
 *
 * @since 0.2
 */
public final class PostgresJournalBuilder extends JournalBuilder<PostgresJournalBuilder> {

  private final DataSource dataSource;
  private String domain = "default";
  private int snapshotsKept = 2;

  PostgresJournalBuilder(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The routing domain whose entries this journal keeps; {@code "default"} by default. 1 to 200
   * characters, none of them a control character.
   */
  public PostgresJournalBuilder domain(String domain) {
    checkName("domain", domain);
    once("domain");
    this.domain = domain;
    return this;
  }

  /**
   * How many snapshots the domain keeps, the newest ones; 2 by default, at least 2. The entries
   * after the oldest kept one stay, so that a damaged newest snapshot falls back to an older one
   * and the entries after it.
   */
  public PostgresJournalBuilder snapshotsKept(int count) {
    if (count < 2) {
      throw new IllegalArgumentException("snapshotsKept is " + count + "; allowed: 2 or more");
    }
    once("snapshotsKept");
    this.snapshotsKept = count;
    return this;
  }

  /** The journal; it connects when an engine starts on it. */
  @Override
  public Journal build() {
    return new PostgresJournal(dataSource, settings());
  }

  Settings settings() {
    return new Settings(domain, durabilityOption(), groupCommitDelayNanos(),
        snapshotIntervalOption(), snapshotsKept);
  }
}
