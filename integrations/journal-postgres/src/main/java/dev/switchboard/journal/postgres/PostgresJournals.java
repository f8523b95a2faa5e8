package dev.switchboard.journal.postgres;

import java.util.Objects;
import javax.sql.DataSource;

/**
 * Makes the PostgreSQL journal, an implementation of the core's {@link
 * dev.switchboard.journal.Journal} SPI. Give what {@link PostgresJournalBuilder#build()} returns
 * to {@code SwitchboardBuilder.journal(...)}.
 *
 * <pre>{@code
 * Journal journal = PostgresJournals.builder(dataSource)
 *     .domain("tenant-a")
 *     .durability(Durability.SYNC)
 *     .snapshotInterval(100_000)
 *     .build();
 * }</pre>
 *
 * @since 0.2
 */
public final class PostgresJournals {

  private PostgresJournals() {}

  /**
   * Starts configuring a journal on the host's data source: connections to a PostgreSQL database
   * (version 12 or later), from the host's own driver and pool. The journal creates its tables
   * there on first use; the data source's user needs the right to create tables in the schema its
   * connections use, or the tables created beforehand by a user who has it.
   */
  public static PostgresJournalBuilder builder(DataSource dataSource) {
    return new PostgresJournalBuilder(Objects.requireNonNull(dataSource, "dataSource"));
  }
}
