/**
 * Durability for an embedded engine: the {@link dev.switchboard.journal.Journal} SPI through
 * which the engine records every change it applies and rebuilds its state on start, the
 * {@link dev.switchboard.journal.Durability} modes, and the in-memory journal made by {@link
 * dev.switchboard.journal.Journals}, for tests. Durable journals are modules of their own that
 * implement this SPI, most of them on {@link dev.switchboard.journal.GroupCommitJournal} (a writer
 * thread that makes entries durable a group at a time); {@code switchboard-journal-file} ships an
 * append-only file journal. See {@code docs/durability.md}.
 *
 * @since 0.2
 */
package dev.switchboard.journal;
