/**
 * The file journal's implementation: the writer thread with group commit ({@code FileJournal}),
 * the record format, segment recovery and the file storage behind them. Owns the journal
 * directory; touches only the journal SPI of the core.
 */
package dev.switchboard.journal.file.internal;
