/**
 * The PostgreSQL journal's implementation: the writer thread and its group commits ({@code
 * PostgresJournal}), recovery, and the versioned schema with its migrations ({@code Schema}).
 * Not for use outside this module.
 */
package dev.switchboard.journal.postgres.internal;
