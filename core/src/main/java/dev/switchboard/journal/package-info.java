/**
 * Durability for an embedded engine: the {@link dev.switchboard.journal.Journal} SPI through
 * which the engine records every change it applies and rebuilds its state on start, the
 * {@link dev.switchboard.journal.Durability} modes, and the built-in journals made by {@link
 * dev.switchboard.journal.Journals}: an append-only file journal in a directory the host
 * chooses, and an in-memory journal for tests. See {@code docs/durability.md}.
 *
 * @since 0.2
 */
package dev.switchboard.journal;
