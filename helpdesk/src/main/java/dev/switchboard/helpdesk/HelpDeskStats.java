package dev.switchboard.helpdesk;

/**
 * Counters of the help desk, for monitoring: tickets, classifier health and isolated failures.
 *
 * @param openTickets tickets not closed
 * @param closedTickets tickets closed
 * @param classifierCalls classifications started
 * @param classifierFailures calls that threw or returned null
 * @param classifierTimeouts calls with no answer within the timeout
 * @param lateClassifierResults answers that came after their timeout, and were ignored
 * @param lowConfidence answers below the confidence threshold
 * @param triaged tickets sent to human triage for any reason
 * @param commandFailures switchboard commands the help desk sent that were rejected
 * @param hookFailures exceptions thrown by host listeners and reward hooks
 * @param internalFailures exceptions in the desk's own deadline or callback handling (a bug):
 *     logged, counted, and kept from breaking the call that ran them
 * @since 0.1
 */
public record HelpDeskStats(int openTickets, int closedTickets, long classifierCalls,
    long classifierFailures, long classifierTimeouts, long lateClassifierResults,
    long lowConfidence, long triaged, long commandFailures, long hookFailures,
    long internalFailures) {}
