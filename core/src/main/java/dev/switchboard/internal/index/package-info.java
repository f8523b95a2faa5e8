/**
 * The indexes that make both routing decisions logarithmic: {@code IndexedMatcher}, its lanes of
 * free agents and waiting items. Implements the engine's {@code Matcher}; owns no state the engine
 * does not tell it about, and is touched only on the loop.
 */
package dev.switchboard.internal.index;
