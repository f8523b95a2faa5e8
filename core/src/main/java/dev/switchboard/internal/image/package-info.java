/**
 * The engine's whole state as plain values, what a journal snapshot stores and what tests
 * compare: {@code StateImage} and the channels' part of it, {@code ChannelImage}. Each part of
 * the engine (the engine's books, affinity, SLA tracker, blender, channel state) exports and
 * restores its own piece; {@code internal.journal}'s {@code EngineState} writes and reads them as
 * bytes. Holds no behaviour and touches only the public value types and the timers' kinds, so
 * every layer below the journal may use it without depending on the journal.
 */
package dev.switchboard.internal.image;
