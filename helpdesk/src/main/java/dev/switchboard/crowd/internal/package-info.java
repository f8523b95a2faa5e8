/**
 * The crowd's book: questions, power users, the points ledger and measures ({@code CrowdBook}),
 * owned by the help desk's {@code Desk} and touched only under its lock.
 */
package dev.switchboard.crowd.internal;
