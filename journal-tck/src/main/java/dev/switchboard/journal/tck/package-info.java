/**
 * The journal TCK: {@link dev.switchboard.journal.tck.JournalTck}, an abstract JUnit 5 class whose
 * tests check the numbered rules every {@link dev.switchboard.journal.Journal} must keep (and the
 * optional ones a journal claims: damage detection, fencing), with the values its hooks use. See
 * {@code docs/durability.md}, "Putting the journal on another store".
 *
 * @since 0.2
 */
package dev.switchboard.journal.tck;
