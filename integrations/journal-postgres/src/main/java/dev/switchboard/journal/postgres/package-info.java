/**
 * The PostgreSQL journal: {@link dev.switchboard.journal.postgres.PostgresJournals} makes one on a
 * host-supplied {@link javax.sql.DataSource}, for one routing domain (one engine) among any number
 * sharing the database. It creates and upgrades its own tables, commits appends in groups, keeps
 * the newest snapshots and trims the entries they cover. See {@code docs/scaling-out.md}.
 *
 * @since 0.2
 */
package dev.switchboard.journal.postgres;
