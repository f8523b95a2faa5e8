/**
 * The loop's side of durability: {@code EngineJournal} records applied commands and snapshots
 * through the public {@code Journal} SPI, {@code CommandCodec} and {@code Wire} encode them, {@code
 * EngineState} writes and reads state images ({@code internal.image}) as bytes. Knows no storage:
 * journals are modules of their own.
 */
package dev.switchboard.internal.journal;
