/**
 * The file journal: an append-only sequence of CRC-checked segment files and snapshots in one
 * directory, made by {@link dev.switchboard.journal.file.FileJournals}. It implements the core's
 * {@link dev.switchboard.journal.Journal} SPI and nothing else of the core. It keeps the last
 * few snapshots (two by default) and the log back to the oldest of them, so that a damaged
 * snapshot falls back to an older one plus the log; see {@link
 * dev.switchboard.journal.file.FileJournalBuilder} and {@code docs/durability.md} for its format
 * and recovery.
 *
 * @since 0.2
 */
package dev.switchboard.journal.file;
