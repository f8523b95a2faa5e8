/**
 * Crowd routing: a community pool of power users who answer other customers' questions under an
 * explicit {@link dev.switchboard.crowd.CrowdPolicy}, a points ledger for helpers, and the
 * measures of how the crowd is doing. Obtained from {@code HelpDesk.crowd()}.
 */
package dev.switchboard.crowd;
