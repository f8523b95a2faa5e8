package dev.switchboard.journal.postgres;

import dev.switchboard.journal.Durability;
import dev.switchboard.journal.Journal;
import dev.switchboard.journal.postgres.internal.PostgresJournal;
import dev.switchboard.journal.postgres.internal.Settings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Configures the PostgreSQL journal; each option may be set once (a value refused does not count).
 * Made by {@link
 * PostgresJournals#builder}.
 *
 * <p>Rows carry their routing domain, so any number of engines (tenants, regions) share one
 * database, each with its own domain and its own journal. One journal instance serves one engine
 * start; build a new one for each. A journal that recovers a domain takes it over: the writer
 * that held it before (another node, or a process thought dead) has every later append refused.
 *
 * @since 0.2
 */
public final class PostgresJournalBuilder {

  private final DataSource dataSource;
  private final Set<String> setOnce = new LinkedHashSet<>();
  private String domain = "default";
  private Durability durability = Durability.SYNC;
  private Duration groupCommitDelay = Duration.ZERO;
  private int snapshotInterval = 100_000;
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
   * When calls complete relative to the database: {@link Durability#SYNC} (the default) after the
   * transaction holding the entry committed, {@link Durability#ASYNC} at once, the writer
   * committing in the background. What a commit survives is the server's business ({@code
   * synchronous_commit}, replication).
   */
  public PostgresJournalBuilder durability(Durability durability) {
    Objects.requireNonNull(durability, "durability");
    once("durability");
    this.durability = durability;
    return this;
  }

  /**
   * How long the writer waits for more entries before committing a group; zero by default, which
   * still groups every entry that arrives while the previous commit runs. At most one second.
   */
  public PostgresJournalBuilder groupCommitDelay(Duration delay) {
    Objects.requireNonNull(delay, "groupCommitDelay");
    if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("groupCommitDelay is " + delay
          + "; allowed: zero to one second");
    }
    once("groupCommitDelay");
    this.groupCommitDelay = delay;
    return this;
  }

  /** Entries between snapshots; 100,000 by default; 0 for none. */
  public PostgresJournalBuilder snapshotInterval(int entries) {
    if (entries < 0) {
      throw new IllegalArgumentException("snapshotInterval is " + entries
          + "; allowed: 0 (no snapshots) or more");
    }
    once("snapshotInterval");
    this.snapshotInterval = entries;
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
  public Journal build() {
    return new PostgresJournal(dataSource, settings());
  }

  Settings settings() {
    return new Settings(domain, durability, groupCommitDelay.toNanos(), snapshotInterval,
        snapshotsKept);
  }

  /** Checks a domain's or node's name: 1 to 200 characters, no control characters. */
  static void checkName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " is \"" + name.replaceAll("\\p{Cntrl}", "?")
          + "\"; allowed: 1 to 200 characters, no control characters");
    }
  }

  private void once(String option) {
    if (!setOnce.add(option)) {
      throw new IllegalStateException(option + " was already set");
    }
  }
}
