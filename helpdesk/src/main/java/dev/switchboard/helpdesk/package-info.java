/**
 * Tickets on top of a switchboard: a configurable {@link dev.switchboard.helpdesk.Lifecycle} of
 * phases whose work the switchboard routes, classification with a human triage queue behind it,
 * and what finished work says about end users. Start with {@link
 * dev.switchboard.helpdesk.HelpDesk#builder()}.
 */
package dev.switchboard.helpdesk;
