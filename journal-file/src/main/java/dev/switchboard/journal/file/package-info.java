/**
 * The file journal: an append-only sequence of CRC-checked segment files and snapshots in one
 * directory, made by {@link dev.switchboard.journal.file.FileJournals}. It implements the core's
 * {@link dev.switchboard.journal.Journal} SPI and nothing else of the core; see {@code
 * docs/durability.md} for its format and recovery.
 *
 * @since 0.2
 */
package dev.switchboard.journal.file;
